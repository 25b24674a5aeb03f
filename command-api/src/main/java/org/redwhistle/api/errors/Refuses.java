package org.redwhistle.api.errors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal of a controller method that neither the access policy nor its parameters imply (a 409
 * for a state that does not allow the action, a 422 for a request that cannot be carried out), for
 * the REST contract: {@link ProblemResponses} documents it as a problem response with an example.
 * The 400, 401, 403 and 404 every operation may answer are derived and need no line.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Refuses.All.class)
public @interface Refuses {

    /** The HTTP status, e.g. 409. */
    int status();

    /** When, in words, as the problem's detail would say it. */
    String when();

    /** The repeated {@link Refuses} of one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface All {
        Refuses[] value();
    }
}
