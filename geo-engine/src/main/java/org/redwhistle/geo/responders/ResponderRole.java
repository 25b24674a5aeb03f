package org.redwhistle.geo.responders;

/** Who a responder is: a 平安联盟 patrol member, a 网格员 grid worker, or a police officer. */
public enum ResponderRole {
    PATROL,
    GRID_WORKER,
    POLICE
}
