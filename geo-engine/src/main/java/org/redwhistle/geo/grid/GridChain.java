package org.redwhistle.geo.grid;

import java.util.List;

import org.redwhistle.geo.area.AreaRef;

/** The grid containing a point and its ancestors, nearest first (grid → community → street → district). */
public record GridChain(List<AreaRef> areas) {

    public GridChain {
        areas = List.copyOf(areas);
        if (areas.isEmpty()) {
            throw new IllegalArgumentException("a grid chain has at least the grid");
        }
    }

    public AreaRef grid() {
        return areas.get(0);
    }

    /** Area ids from the grid up; what area scoping matches a user's area against. */
    public List<Long> ids() {
        return areas.stream().map(AreaRef::id).toList();
    }
}
