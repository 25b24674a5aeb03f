package org.redwhistle.api.cases.internal;

import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Who a case may be assigned to (指派): the roster the community or street operator picks a grid worker
 * from. Reads {@code app_user} and {@code area} (owned by the users feature and the geo engine), as the
 * case's own views do for names.
 */
@RestController
public class CaseAssigneeController {

    private static final String GRID_WORKERS = """
            select u.username, u.display_name, u.phone, g.id as grid_id, g.name as grid_name
              from app_user u join area g on g.id = u.area_id
             where u.role = 'GRID_WORKER' and u.enabled and cast(:community as bigint) = any(g.path)
             order by (g.id = cast(:grid as bigint)) desc, g.code, u.id""";

    private final Cases cases;
    private final JdbcClient jdbc;
    private final Blocking blocking;

    public CaseAssigneeController(Cases cases, JdbcClient jdbc, Blocking blocking) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.blocking = blocking;
    }

    /**
     * A grid worker who may be assigned the case: {@code username} (the assign action's {@code assignee}),
     * name, phone (null when the account has none), their grid, and whether that is the case's own grid.
     */
    public record Assignee(String username, String name, String phone, long gridId, String gridName, boolean caseGrid) {
    }

    public record Assignees(List<Assignee> items) {
    }

    /**
     * The enabled grid workers whose grid lies in the case's community, those of the case's own grid first;
     * empty for a case outside every community.
     */
    @GetMapping("/api/v1/cases/{id}/assignees")
    public Mono<Assignees> assignees(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            CaseView c = cases.visible(caller.user(), id).orElseThrow(() -> ApiException.notFound("case " + id));
            if (c.communityId() == null) {
                return new Assignees(List.of());
            }
            return new Assignees(jdbc.sql(GRID_WORKERS).param("community", c.communityId()).param("grid", c.gridId())
                    .query((rs, n) -> new Assignee(rs.getString("username"), rs.getString("display_name"), rs.getString("phone"),
                            rs.getLong("grid_id"), rs.getString("grid_name"), c.gridId() != null && rs.getLong("grid_id") == c.gridId()))
                    .list());
        });
    }
}
