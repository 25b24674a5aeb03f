package org.redwhistle.api.security;

/** User roles of the contract. Every role but ADMIN is scoped to an area. */
public enum Role {
    ADMIN,
    OPERATOR,
    LEADER,
    DEPARTMENT,
    GRID_WORKER,
    PATROL,
    POLICE,
    INTEGRATOR,
    RESIDENT
}
