package org.redwhistle.devices.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The demo district's layout: every unit inside its parent, no two of a level overlapping, the first village as it was. */
class DemoDistrictPlanTest {

    @Test
    void everyBoxLiesInsideItsParentAndNoneOverlapsAnother() {
        List<DemoDistrictPlan.Street> streets = DemoDistrictPlan.streets();
        List<DemoDistrictPlan.Community> communities = DemoDistrictPlan.communities();
        assertThat(streets).hasSizeGreaterThanOrEqualTo(3);
        assertThat(communities).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 0; i < streets.size(); i++) {
            assertThat(DemoDistrictPlan.DISTRICT_BOX.contains(streets.get(i).box())).as(streets.get(i).name()).isTrue();
            for (int j = i + 1; j < streets.size(); j++) {
                assertThat(streets.get(i).box().overlaps(streets.get(j).box())).as(streets.get(i).name() + " / " + streets.get(j).name()).isFalse();
            }
        }
        for (int i = 0; i < communities.size(); i++) {
            DemoDistrictPlan.Community c = communities.get(i);
            assertThat(DemoDistrictPlan.street(c.street()).box().contains(c.box())).as(c.name()).isTrue();
            for (int j = i + 1; j < communities.size(); j++) {
                assertThat(c.box().overlaps(communities.get(j).box())).as(c.name() + " / " + communities.get(j).name()).isFalse();
            }
            for (int g = 0; g < c.grids().size(); g++) {
                DemoDistrictPlan.Grid grid = c.grids().get(g);
                assertThat(c.box().contains(grid.box())).as(grid.code()).isTrue();
                for (int h = g + 1; h < c.grids().size(); h++) {
                    assertThat(grid.box().overlaps(c.grids().get(h).box())).as(grid.code()).isFalse();
                }
            }
            assertThat(c.grids()).as(c.name()).hasSizeGreaterThanOrEqualTo(c.code().equals("370705001002") ? 1 : 2);
            assertThat(DemoDistrictPlan.residents()).as(c.name() + "'s residents").anyMatch(r -> r.community().equals(c.code()));
        }
        assertThat(communities.get(0).name()).isEqualTo("松鹤园社区");
        assertThat(communities.get(0).grids()).hasSize(4);
        assertThat(DemoDistrictPlan.residents().stream().map(DemoDistrictPlan.Resident::phone)).startsWith("13800000001", "13800000002", "13800000003")
                .doesNotHaveDuplicates();
    }
}
