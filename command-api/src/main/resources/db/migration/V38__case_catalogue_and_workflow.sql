-- The managed category catalogue (issue 18): what a resident may file, each with an icon, its default
-- case type (and so its escalation chain) and how Open311 offers it. Replaces open311_service, whose
-- five services keep their codes here. case_file.category becomes a reference to it.
CREATE TABLE case_category (
    code          text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name          text NOT NULL UNIQUE,
    icon          text NOT NULL,
    description   text NOT NULL DEFAULT '',
    case_type     text NOT NULL REFERENCES case_type (code),
    sort          integer NOT NULL DEFAULT 100,
    active        boolean NOT NULL DEFAULT true,
    keywords      text NOT NULL DEFAULT '',
    open311_group text NOT NULL DEFAULT '社区服务'
);
INSERT INTO case_category (code, name, icon, description, case_type, sort, keywords, open311_group) VALUES
    ('ENV', '环境卫生', '🧹', '垃圾堆放、楼道杂物、污水、卫生死角等', 'GENERAL', 10, 'garbage,clutter,sewage', '社区服务'),
    ('FACILITY', '道路设施', '🚧', '道路破损、路灯不亮、井盖松动、健身器材等公共设施损坏', 'GENERAL', 20, 'road,streetlight,manhole', '社区服务'),
    ('SAFETY', '治安隐患', '🚨', '可疑人员、门禁损坏、监控盲区等治安隐患', 'GENERAL', 30, 'safety,security', '平安建设'),
    ('DISPUTE', '邻里纠纷', '🤝', '邻里矛盾，按村（居）调解链处理', 'MEDIATION', 40, 'dispute,mediation', '矛盾调解'),
    ('NOISE', '噪声扰民', '🔊', '施工、装修、商铺、广场舞等噪声', 'GENERAL', 50, 'noise', '社区服务'),
    ('BUILDING', '违章搭建', '🏚️', '私搭乱建、占用公共空间、违规改建', 'GENERAL', 60, 'illegal construction', '城市管理'),
    ('FIRE', '消防安全', '🧯', '消防通道堵塞、楼道充电、消防设施缺失', 'GENERAL', 70, 'fire,fire lane', '平安建设'),
    ('UTILITY', '供水供电', '💡', '停水停电、水管漏水、线路老化', 'GENERAL', 80, 'water,power', '社区服务'),
    ('PARKING', '停车管理', '🚗', '车辆乱停、占用消防通道、僵尸车', 'GENERAL', 90, 'parking', '城市管理'),
    ('ASSIST', '困难帮扶', '🤲', '孤寡老人、残疾人、困难家庭需要帮助', 'GENERAL', 100, 'assistance,elderly', '民生服务'),
    ('OTHER', '其他', '📝', '以上都不是的诉求', 'GENERAL', 999, 'other', '社区服务');

-- Existing free text: a code or a name of the catalogue, the names used before it, else OTHER.
UPDATE case_file c SET category = coalesce(
    (SELECT k.code FROM case_category k WHERE k.code = upper(c.category) OR k.name = c.category),
    CASE c.category
        WHEN '设施维修' THEN 'FACILITY'
        WHEN '噪音扰民' THEN 'NOISE'
        WHEN '治安线索' THEN 'SAFETY'
        WHEN '告警转办' THEN 'SAFETY'
        ELSE NULL END,
    'OTHER');
ALTER TABLE case_file ADD CONSTRAINT case_file_category_fk FOREIGN KEY (category) REFERENCES case_category (code);
DROP TABLE open311_service;

-- Withdraw, reject and merge end a case without the workflow; closing without an evaluation has its reason.
ALTER TABLE case_file DROP CONSTRAINT IF EXISTS case_file_status_check;
ALTER TABLE case_file ADD CONSTRAINT case_file_status_check
    CHECK (status IN ('DISPATCHED', 'TAKEN', 'ASSIGNED', 'HANDLED', 'CLOSED', 'WITHDRAWN', 'REJECTED', 'MERGED'));
ALTER TABLE case_file ADD COLUMN reject_reason text;
ALTER TABLE case_file ADD COLUMN merged_into bigint REFERENCES case_file (id);
ALTER TABLE case_file ADD COLUMN close_reason text CHECK (close_reason IN ('EVALUATED', 'NOT_EVALUATED'));
ALTER TABLE case_file ADD COLUMN last_reminder_at timestamptz;
UPDATE case_file SET close_reason = 'EVALUATED' WHERE status = 'CLOSED';
CREATE INDEX case_file_merged_into_idx ON case_file (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX case_file_handled_idx ON case_file (handled_at) WHERE status = 'HANDLED';

-- The grid worker's phone, shown to the resident whose case they handle (the residents' sign-up adds the same column).
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS phone text;
