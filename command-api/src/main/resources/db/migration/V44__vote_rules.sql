-- The rules of the meetings that vote (issue 20), as data: quorum and majority per kind of meeting.
-- present >= (or > when quorum_strict) quorum_num/quorum_den of the members makes the meeting valid;
-- yes >= (or > when majority_strict) majority_num/majority_den of those present (base PRESENT) or of
-- all members (base MEMBERS) passes the motion.
CREATE TABLE vote_rule (
    code             text PRIMARY KEY,
    name             text NOT NULL,
    quorum_num       int  NOT NULL CHECK (quorum_num >= 0),
    quorum_den       int  NOT NULL CHECK (quorum_den > 0 AND quorum_num <= quorum_den),
    quorum_strict    boolean NOT NULL,
    majority_num     int  NOT NULL CHECK (majority_num >= 0),
    majority_den     int  NOT NULL CHECK (majority_den > 0 AND majority_num <= majority_den),
    majority_strict  boolean NOT NULL,
    base             text NOT NULL CHECK (base IN ('PRESENT', 'MEMBERS')),
    basis            text,               -- where the rule comes from, as users read it
    updated_at       timestamptz NOT NULL DEFAULT now()
);

INSERT INTO vote_rule VALUES
  ('BRANCH_COMMITTEE', '村党组织（支部委员会）会议', 1, 2, true, 1, 2, true, 'MEMBERS',
   '《中国共产党支部工作条例（试行）》：支部委员会会议须有半数以上委员到会，决定事项以应到委员过半数同意通过', now()),
  ('TWO_COMMITTEES', '村“两委”联席会议', 2, 3, false, 1, 2, true, 'PRESENT',
   '“四议两公开”工作法：村“两委”会议须有三分之二以上成员到会，以到会成员过半数同意形成意见', now()),
  ('PARTY_MEMBERS', '党员大会', 1, 2, true, 1, 2, true, 'MEMBERS',
   '《中国共产党支部工作条例（试行）》：党员大会须有半数以上党员参加，赞成人数超过应到会有表决权党员的半数为通过', now()),
  ('REPRESENTATIVES', '村民代表会议', 2, 3, false, 1, 2, true, 'PRESENT',
   '《村民委员会组织法》第二十六条：村民代表会议有三分之二以上的组成人员参加方可召开，所作决定应当经到会人员的过半数同意', now()),
  ('RESIDENTS_MEETING', '居民会议', 1, 2, true, 1, 2, true, 'PRESENT',
   '《城市居民委员会组织法》第九条：居民会议须有全体十八周岁以上居民过半数，或者每户派代表过半数，或者三分之二以上居民小组选派的代表参加；决定问题采取少数服从多数', now()),
  ('GRID_COUNCIL', '网格议事会', 1, 2, true, 1, 2, true, 'PRESENT',
   '网格议事规则：过半数议事成员到会，到会成员过半数赞成形成议事意见', now());
