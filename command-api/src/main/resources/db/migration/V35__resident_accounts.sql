-- Residents sign up with their mobile number (issue 18): the number is their user name and is kept
-- in app_user.phone (the workflow's V38 adds the same column for grid workers' phones, hence
-- "if not exists"). The one-time codes that confirm a number are kept hashed, per number and
-- purpose, with their expiry and the wrong attempts made against them; the rows are also what the
-- sending limits count (one per number per resend interval, a few a day).
alter table app_user add column if not exists phone text;
create unique index if not exists app_user_phone_key on app_user (phone) where phone is not null;

create table sms_code (
    id         bigint generated always as identity primary key,
    phone      text not null,
    purpose    text not null check (purpose in ('SIGNUP', 'RESET')),
    -- null when no code was sent (a notice instead: the number is already registered, or not at all)
    code_hash  text,
    sent_at    timestamptz not null,
    expires_at timestamptz not null,
    attempts   integer not null default 0,
    used_at    timestamptz
);
create index sms_code_phone_sent_idx on sms_code (phone, sent_at desc);
