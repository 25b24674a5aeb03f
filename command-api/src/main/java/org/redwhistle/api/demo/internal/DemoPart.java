package org.redwhistle.api.demo.internal;

/**
 * A part of the demo seeded after the areas and accounts ({@link DemoVillage}, {@link DemoDongding}):
 * each feature's own demo data, in its own class, in {@code @Order} order. Idempotent, like the rest
 * of the demo: what exists is kept, what an older demo database lacks is added.
 */
interface DemoPart {

    void seed();
}
