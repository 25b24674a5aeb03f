package org.redwhistle.api.push;

import java.util.List;

import org.redwhistle.api.security.CurrentUser;

/**
 * Who may receive a push: the users whose area contains a place, or one user. Plain data, so a
 * push raised on one instance can be relayed to the sessions of another and filtered there.
 */
public sealed interface Audience {

    boolean admits(CurrentUser u);

    /** Users whose area is on {@code path} (the ancestor ids of where the thing is), and admins. */
    static Area area(List<Long> path) {
        return new Area(List.copyOf(path));
    }

    /**
     * Users whose area is on {@code path} and whose role holds {@code permission} (admins only if it does):
     * what only some of an area's people may see, e.g. a face-watchlist alarm for the police.
     */
    static Granted granted(List<Long> path, org.redwhistle.api.access.Permission permission) {
        return new Granted(List.copyOf(path), permission);
    }

    /** One user, wherever they are connected. */
    static User user(long userId) {
        return new User(userId);
    }

    /** One user by their user name (unique), wherever they are connected: a case's reporter, whom the case names so. */
    static Username username(String username) {
        return new Username(username);
    }

    /**
     * Something located in the area chain {@code path}. Departments' accounts are never reached by area:
     * a department receives what is addressed to it ({@link User}), e.g. the cases routed to it.
     */
    record Area(List<Long> path) implements Audience {
        @Override
        public boolean admits(CurrentUser u) {
            return u.role() != org.redwhistle.api.security.Role.DEPARTMENT && u.covers(path);
        }
    }

    /** Something located in {@code path} for the holders of {@code permission} only. */
    record Granted(List<Long> path, org.redwhistle.api.access.Permission permission) implements Audience {
        @Override
        public boolean admits(CurrentUser u) {
            return org.redwhistle.api.access.AccessPolicy.scope(u.role(), permission).isPresent() && new Area(path).admits(u);
        }
    }

    /** One user. */
    record User(long userId) implements Audience {
        @Override
        public boolean admits(CurrentUser u) {
            return u.id() == userId;
        }
    }

    /** One user, by name. */
    record Username(String username) implements Audience {
        @Override
        public boolean admits(CurrentUser u) {
            return username.equals(u.username());
        }
    }
}
