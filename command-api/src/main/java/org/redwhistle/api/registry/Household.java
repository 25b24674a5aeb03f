package org.redwhistle.api.registry;

/**
 * A household of a village or community: its number in the ledger (户号), address, contact phone, its
 * grid (null: not placed yet) and its 代办员 (a person; null: none assigned).
 */
public record Household(long id, long areaId, Long gridId, String code, String address, String phone, Long agentId) {
}
