package org.redwhistle.api.access;

/**
 * What can be done, one constant per resource and action. {@link AccessPolicy} says which roles
 * hold each and how far it reaches; the routes and STOMP destinations say which one they need.
 * {@link #own()} says what "their own" means for it.
 */
public enum Permission {
    // ---- open: no login ----
    SESSION("session", "log in, refresh a session, log out; residents: sign up and reset a password with a code sent to their phone",
            "登录", null, true),
    CONTRACT("contract", "read the MQTT contract (AsyncAPI) and the REST contract (OpenAPI, Swagger UI)", "接口文档", null, true),
    OPEN311("open311", "Open311 GeoReport v2; reading and filing need the client's api_key, which sees only its own requests",
            "Open311 接口", null, true),

    // ---- everyone signed in ----
    PROFILE("me", "read who they are and what they may do", "本人信息", null, false),
    AREAS_READ("areas.read", "read area boundaries", "辖区边界", null, false),
    GEO_LOCATE("geo.locate", "find the grid and duty units of a place (grid workers' names only inside their area)", "定位网格", null, false),
    MAP_CONFIG("map.config", "read the basemaps", "底图配置", null, false),
    CALENDAR_READ("calendar.read", "read the working calendar and compute deadlines", "工作日历", null, false),
    CASE_TYPES_READ("case-types.read", "read case types and categories", "诉求类型", null, false),

    // ---- alarms ----
    ALARMS_READ("alarms.read", "see alarms, their timeline and scene photos", "查看告警", "dispatched to them", false),
    ALARMS_COMMAND("alarms.command", "acknowledge, dispatch, mark false, turn into a case; see the dispatch proposal and covering cameras",
            "告警处置指挥", null, false),
    ALARMS_RESOLVE("alarms.resolve", "resolve an alarm with a note", "告警办结", "dispatched to them", false),
    ALARMS_ANSWER("alarms.answer", "accept or decline a dispatch", "接受或拒绝派警", "offered to them", false),
    ALARMS_PHOTO("alarms.photo", "add a photo of the scene", "上传现场照片", "dispatched to them", false),
    WATCHLIST_READ("watchlist.read", "read the plate watchlist", "查看布控车牌", null, false),
    WATCHLIST_MANAGE("watchlist.manage", "add and remove watched plates", "管理布控车牌", null, false),

    // ---- devices ----
    DEVICES_READ("devices.read", "see devices and the commands sent to them", "查看设备", "of their provisioning keys", false),
    DEVICES_EDIT("devices.edit", "edit a device (name, place, firmware, attributes) and disable it", "编辑设备", "of their provisioning keys",
            false),
    DEVICES_ENABLE("devices.enable", "re-enable a disabled device", "重新启用设备", null, false),
    DEVICES_CREDENTIALS("devices.credentials", "issue or rotate a device's broker account", "签发设备凭据", "of their provisioning keys", false),
    DEVICES_COMMAND("devices.command", "send a command to a device (open a gate, siren, snapshot)", "下发设备指令", "of their provisioning keys",
            false),
    CAMERAS_READ("cameras.read", "find the cameras that see a place", "查找覆盖摄像机", null, false),
    CAMERAS_CODES("cameras.codes", "set a camera's national code (国标编码, GB/T 28181)", "设置国标编码", null, false),
    CAMERAS_CATALOG_EXPORT("cameras.catalog.export", "export the cameras as a GB/T 28181 Catalog (XML)", "导出国标目录", null, false),
    CAMERAS_CATALOG_IMPORT("cameras.catalog.import", "import cameras from a GB/T 28181 Catalog (XML), with a dry run", "导入国标目录", null,
            false),
    SNAPSHOTS_READ("snapshots.read", "see camera pictures and what was detected on them", "查看摄像机抓拍", "from the cameras of their provisioning keys",
            false),
    VIDEO_LIVE("video.live", "watch a camera live; the platform relays it while someone watches (issue 22)", "实时视频",
            "from the cameras of their provisioning keys", false),
    DEAD_LETTERS_READ("dead-letters.read", "see rejected device messages and why", "查看拒收消息", "from the devices of their provisioning keys", false),
    PROVISIONING_KEYS("provisioning-keys", "issue and list provisioning keys", "设备接入密钥", "issued by them", false),

    // ---- responders ----
    MEMBERS_READ("members.read", "see responders' live positions and duty states", "查看队员位置", null, false),
    MEMBERS_DUTY("members.duty", "report their own position and duty state, raise SOS, submit leads", "执勤上报", null, false),
    MEMBERS_MANAGE("members.manage", "set another responder's duty state", "调整队员状态", null, false),
    LEADS_READ("leads.read", "read the leads (线索) members submitted", "查看线索", null, false),
    TRACKS_READ("tracks.read", "replay a responder's track", "轨迹回放", "only their own", false),
    ZONES_READ("zones.read", "see perimeter zones, restricted areas and whether they are armed", "查看防区布防", null, false),
    ZONES_MANAGE("zones.manage", "create zones and change their arming schedules", "管理防区", null, false),
    TOURS_READ("tours.read", "see guard tours (the patrol timetable) and their rounds", "查看巡更计划", null, false),
    TOURS_MANAGE("tours.manage", "plan guard tours", "制定巡更计划", null, false),

    // ---- 小红哨 cases ----
    CASES_FILE("cases.file", "file a request (小红哨)", "提交诉求", "filed by them", false),
    CASES_READ("cases.read", "see requests with their timeline", "查看诉求", "filed by them", false),
    CASES_FOLLOW("cases.follow", "withdraw their request while nobody has taken it, remind the unit (催办) once a deadline has passed",
            "撤回、催办诉求", "filed by them", false),
    CASES_HANDLE("cases.handle", "take, assign, escalate, mark complex, reject and merge the requests their unit holds", "诉求办理", null, false),
    CASES_REPORT("cases.report", "report a request handled", "诉求办结上报", "assigned to them", false),
    CASES_SEND_BACK("cases.send-back", "send back (退回) a request wrongly assigned to their department, with the reason", "退回诉求",
            null, false),
    CASES_INSTRUCT("cases.instruct", "write an instruction (批示) on a request, pushed to the unit holding it", "领导批示", null, false),
    CASES_PHOTOS("cases.photos", "upload photos for the requests they file or report, and see the photos of requests they may see",
            "诉求照片", "uploaded by them or of requests filed by them", false),
    CASES_EVALUATE("cases.evaluate", "evaluate how their request was handled (群众评事)", "评价诉求", "filed by them", false),
    SUPERVISION_READ("supervision.read", "see supervision orders and warnings (督办)", "查看督办", null, false),
    STATS_READ("stats.read", "see request statistics and the three rates", "诉求统计", null, false),
    UNITS_READ("units.read", "see the district's organisation: district center, streets, communities, grids and departments",
            "组织机构", null, false),

    // ---- administration ----
    AREAS_IMPORT("areas.import", "import areas and grids (GeoJSON)", "导入辖区", null, false),
    UNITS_MANAGE("units.manage", "add and change departments", "维护职能部门", null, false),
    CALENDAR_MANAGE("calendar.manage", "load a year of the official calendar; see which years are counted provisionally", "维护工作日历", null, false),
    CASE_TYPES_MANAGE("case-types.manage", "configure case types, their escalation chains and the category catalogue", "配置诉求类型和分类",
            null, false),
    OPEN311_KEYS("open311-keys", "issue Open311 client keys", "签发 Open311 密钥", null, false),
    AUDIT_VERIFY("audit.verify", "verify the audit log's hash chain", "核验审计日志", null, false),

    // ---- mediation (issue 20) ----
    MEDIATION_READ("mediation.read", "see the village's mediation rosters and disputes: the committee all of them without the parties' "
            + "personal data; the mediation team those of their level (a 代办员 their households', mediators and 和事佬 from theirs up, legal "
            + "advisers theirs), the parties' personal data and documents only where they handle the dispute; residents the disputes they are "
            + "a party to", "查看调解", "disputes they or their household are a party to", false),
    MEDIATION_OPEN("mediation.open", "open a dispute in their village (the mediation team at a level they handle); residents ask for "
            + "mediation as the applicant, at their household's 代办员", "受理纠纷", "asked for by them as the applicant", false),
    MEDIATION_HANDLE("mediation.handle", "take the steps of a dispute at the level they handle: sessions, escalation, the agreement, "
            + "sign-off, referral out of the village, withdrawal", "调解办理", null, false),
    MEDIATION_STATS("mediation.stats", "see the mediation statistics and the 小事不出村 rate of the villages in their area", "调解统计", null, false),
    // ---- compact (issue 20) ----
    COMPACT_READ("compact.read", "read the village compact (小公约, 村规民约) and its adopted versions", "村规民约", null, false),
    COMPACT_MANAGE("compact.manage", "draft a new version of the compact, edit the draft and put it to 四议两公开", "修订村规民约", null, false),
    COMPACT_REPORT("compact.report", "report a breach of the compact by a household, with evidence pictures", "登记违约", null, false),
    COMPACT_DECIDE("compact.decide", "confirm a breach and apply the penalty article, dismiss it, record the restoration", "认定违约与恢复",
            null, false),
    COMPACT_APPEAL("compact.appeal", "appeal a compact penalty to the village's mediation", "违约申诉", "of their own household", false),
    COMPACT_RECORDS("compact.records", "see households' compact records: violations, penalties, restorations, appeals, evidence pictures",
            "住户违约记录", "of their own household", false),
    COMPACT_WELFARE("compact.welfare", "see the households whose welfare is suspended under the compact, from when and under which article",
            "福利停发名单", null, false),

    // ---- alliance (issue 21): the 平安联盟 as an organisation ----
    ALLIANCE_APPLY("alliance.apply", "apply to join the safety alliance (平安联盟) with their trade and employer, and follow the application",
            "申请加入平安联盟", "their own application", false),
    ALLIANCE_READ("alliance.read", "see the alliance's members, applications, teams, badges, equipment, training and duty rosters",
            "查看平安联盟", "their own membership: badge, team, equipment, training, duty roster", false),
    ALLIANCE_MANAGE("alliance.manage", "vet applications, suspend and end memberships, form teams, issue and take back equipment, record "
            + "training, plan duty rosters, import members from XLSX", "管理平安联盟", null, false),
    BADGE_CHECK("badge.check", "check an alliance badge's QR code: the member's name, team and status, no other personal data",
            "核验平安联盟标识", null, true),
    ALLIANCE_STATS("alliance.stats", "see the alliance's figures: members by trade and team, leads, valid leads, suspects caught, rewards paid",
            "平安联盟统计", null, false),
    // ---- leads and rewards (issue 21) ----
    LEADS_REVIEW("leads.review", "review a lead (核实中 → 有效 / 无效), turn it into a case or an alarm, record its outcome (suspect caught, "
            + "property recovered)", "核查线索", null, false),
    REWARDS_READ("rewards.read", "see proposed, approved and paid rewards", "查看奖励", "paid or proposed to them", false),
    REWARDS_PROPOSE("rewards.propose", "propose a reward for a valid lead or an arrest", "提请奖励", null, false),
    REWARDS_APPROVE("rewards.approve", "approve or refuse a proposed reward, paying it from the year's fund", "审批奖励", null, false),
    FUND_READ("fund.read", "see the yearly reward fund's ledger, balance and the year's report of paid rewards", "奖励基金台账", null, false),
    FUND_MANAGE("fund.manage", "set a year's reward fund and add to it", "维护奖励基金", null, false),
    // ---- face gates (issue 21) ----
    FACE_WATCHLIST_READ("face-watchlist.read", "see the face-recognition watchlist (person ids and reasons, no face templates)",
            "查看人脸布控名单", null, false),
    FACE_WATCHLIST_MANAGE("face-watchlist.manage", "add people to the face-recognition watchlist and remove them (every change audited)",
            "管理人脸布控名单", null, false),
    FACE_PASSAGES_READ("face-passages.read", "see the passages of face-recognition crossings with their snapshots, within the retention period",
            "查看人脸通行记录", null, false),

    // ---- live push (STOMP destinations) ----
    LIVE_ALARMS("live.alarms", "receive alarms as they change (/topic/alarms)", "实时告警", null, false),
    LIVE_CASES("live.cases", "receive requests as they change (/topic/cases)", "实时诉求", null, false),
    LIVE_POSITIONS("live.positions", "receive responders' positions (/topic/positions)", "实时位置", null, false),
    LIVE_DEVICES("live.devices", "receive device online/offline changes (/topic/devices)", "实时设备状态", null, false),
    LIVE_ALERTS("live.alerts", "receive alerts meant for them (/user/queue/alerts)", "个人提醒", null, false),
    LIVE_OWN_CASES("live.own-cases", "receive their requests as they change (/user/queue/cases)", "我的诉求动态", "filed by them", false),

    // ---- decisions (issue 20) ----
    DECISION_RULES_READ("decision-rules.read", "read the meetings' vote rules (quorum, majority, in words) and the list of kinds of matters with the major ones",
            "表决规则和重大事项目录", null, false),
    DECISION_RULES_MANAGE("decision-rules.manage", "change the vote rules and the list of (major) kinds of matters with the large-spending threshold",
            "维护表决规则和重大事项目录", null, false),
    DECISIONS_READ("decisions.read", "see the villages' 四议两公开 matters with their meetings and tallies (attendance names: the village's committee only)",
            "查看四议两公开", null, false),
    DECISIONS_MANAGE("decisions.manage", "create matters, record the four meetings with attendance and votes, publish resolutions and results, record implementation",
            "办理四议两公开", null, false),
    PUBLIC_BOARD("public-board", "read a village's public board (公开栏): published resolutions and results with the meetings' figures, no personal data",
            "村务公开栏", null, true),

    // ---- registry (issue 20) ----
    REGISTRY_READ("registry.read", "see the households of their village or community (户号, address, grid, 代办员), their members' names, relations "
            + "and civic roles, and the rosters by role; ID numbers and phones masked", "户籍台账", "their own household", false),
    REGISTRY_CONTACT("registry.contact", "see the phone numbers of the households and people they reach in full", "查看联系电话",
            "of their own household", false),
    REGISTRY_PERSONAL("registry.personal", "see birth dates and phones in full, and reveal a person's full ID number (every reveal audited)",
            "查看身份证号等个人信息", "of their own household", false),
    REGISTRY_MANAGE("registry.manage", "add and change households and people (civic roles, moving out), import the ledger from CSV/XLSX",
            "维护户籍台账", null, false),

    // ---- recordings (issue 22) ----
    RECORDINGS_READ("recordings.read", "search the recordings of the cameras they reach by place and time, play a range or an alarm's clip "
            + "back (every playback audited), see the cameras' recording modes", "录像查询与回放", null, false),
    RECORDINGS_EXPORT("recordings.export", "download a camera's footage in a range, or an alarm's clip, as one MP4 (every export audited)",
            "录像导出", null, false),
    RECORDINGS_MANAGE("recordings.manage", "set a camera's recording mode: continuous, on events, or off", "录像设置", null, false),

    // ---- fivesteps (issue 20) ----
    PROPOSALS_RAISE("proposals.raise", "raise a public matter of their community (五事工作法 居民提事); committee members and grid workers for residents",
            "居民提事", null, false),
    PROPOSALS_CONVERT("proposals.convert", "turn a complaint request of their community into a public matter", "诉求转议事", null, false),
    PROPOSALS_READ("proposals.read", "see a community's public matters with their whole record (deliberations, options, vote figures, tasks, evaluations)",
            "查看议事", null, false),
    PROPOSALS_MANAGE("proposals.manage", "deliberate a matter and its options (grid workers: of their grid), hold the deciding meeting and record "
            + "its votes, assign and accept tasks, complete a matter", "议事办理", null, false),
    PROPOSALS_TASKS("proposals.tasks", "see the 联动办事 tasks assigned to their unit and report them done", "联动办事任务", "assigned to their department",
            false),
    PROPOSALS_SUPERVISE("proposals.supervise", "see the overdue 联动办事 tasks of the matters in their area (督办)", "联动办事督办", null, false),
    PROPOSALS_EVALUATE("proposals.evaluate", "evaluate the outcome of a matter of their community, once (群众评事)", "群众评事", null, false);

    private final String key;
    private final String does;
    private final String label;
    private final String own;
    private final boolean open;

    Permission(String key, String does, String label, String own, boolean open) {
        this.key = key;
        this.does = does;
        this.label = label;
        this.own = own;
        this.open = open;
    }

    /** The stable name, e.g. {@code alarms.read}. */
    public String key() {
        return key;
    }

    /** What it allows, in English. */
    public String does() {
        return does;
    }

    /** What it allows, as users read it (Chinese). */
    public String label() {
        return label;
    }

    /** What "their own" means for this permission; null where no role holds it as {@link Scope#OWN}. */
    public String own() {
        return own;
    }

    /** Needs no login: the route authenticates otherwise (Open311's api_key) or serves what is public. */
    public boolean open() {
        return open;
    }
}
