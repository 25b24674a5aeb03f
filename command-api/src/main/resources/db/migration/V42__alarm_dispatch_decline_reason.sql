-- Why a member declined a dispatch (optional): the dashboard shows it beside 已拒绝.
ALTER TABLE alarm_dispatch ADD COLUMN decline_reason text;
