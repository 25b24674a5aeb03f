package org.redwhistle.api.errors;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem responses of the OpenAPI document, in the shape {@link ProblemHandler} and
 * {@link Problems} write ({@code application/problem+json} with {@code errors[]}): a 400 for every
 * operation that reads parameters or a body, a 404 for every one addressing something by path, and
 * every refusal a controller method declares with {@link Refuses} (409, 422…). Examples are built by
 * {@link Problems#of}, so the document shows exactly what the server sends.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {

    /** The component schema every problem response refers to. */
    public static final String SCHEMA = "Problem";

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** A problem response whose example is the document the server writes for this refusal. */
    public ApiResponse response(HttpStatus status, String title, String detail, List<ApiException.FieldError> errors) {
        Object example = json.convertValue(Problems.of(status, title, detail, errors), Map.class);
        var media = new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
                .example(example);
        return new ApiResponse().description(title).content(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (!parameters.isEmpty() || operation.getRequestBody() != null) {
            Parameter first = parameters.isEmpty() ? null : parameters.get(0);
            String field = first == null ? "body" : first.getName();
            responses.putIfAbsent("400", response(HttpStatus.BAD_REQUEST, "Invalid request", field + ": is malformed",
                    List.of(new ApiException.FieldError(field, "is malformed"))));
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            responses.putIfAbsent("404", response(HttpStatus.NOT_FOUND, "Not found",
                    "it does not exist or is outside your area", List.of()));
        }
        // refusals the controller method declares (409, 422…), in words
        for (Refuses r : handler.getMethod().getAnnotationsByType(Refuses.class)) {
            HttpStatus status = HttpStatus.valueOf(r.status());
            responses.put(String.valueOf(r.status()), response(status, status.getReasonPhrase(), r.when(), List.of()).description(r.when()));
        }
        return operation;
    }

    /** RFC 9457 with the contract's {@code errors[]}: which field was bad and why. */
    @Override
    public void customise(OpenAPI api) {
        Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema().description("the parameter or JSON path, e.g. body.location.lon"))
                .addProperty("message", new StringSchema().description("what is wrong with it")).required(List.of("field", "message"));
        Schema<?> problem = new ObjectSchema()
                .description("An RFC 9457 problem document: what was refused and why, with the bad fields")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("type", "title", "status", "detail"));
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(SCHEMA, problem);
    }
}
