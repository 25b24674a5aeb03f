package org.redwhistle.api.errors.internal;

import org.redwhistle.api.errors.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text PostgreSQL cannot store is refused where it enters, naming where it was: a NUL character
 * (U+0000) in a JSON string (400 naming the field), in a query parameter or in the path (400
 * naming the parameter). Without this it reached the database and came back as a 500.
 */
@Configuration
public class InputHardening {

    static final String NUL = "contains a NUL character (\\u0000), which cannot be stored";

    /** JSON strings: Spring Boot registers every JacksonModule bean with its mapper. */
    @Bean
    SimpleModule textWithoutNul() {
        return new SimpleModule("text-without-nul").addDeserializer(String.class, new NoNulString());
    }

    /** Query parameters and path segments, before anything else reads them. */
    @Bean
    @Order(-200)
    WebFilter parametersWithoutNul(Problems problems) {
        return (ServerWebExchange exchange, WebFilterChain chain) -> {
            for (var e : exchange.getRequest().getQueryParams().entrySet()) {
                boolean bad = e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0);
                if (bad) {
                    return problems.writeBadField(exchange, e.getKey().replace('\0', '?'), NUL);
                }
            }
            for (PathContainer.Element el : exchange.getRequest().getPath().pathWithinApplication().elements()) {
                if (el instanceof PathContainer.PathSegment seg && seg.valueToMatch().indexOf('\0') >= 0) {
                    return problems.writeBadField(exchange, "path", NUL);
                }
            }
            return chain.filter(exchange);
        };
    }

    /** Jackson's own string reading, then the check. */
    static final class NoNulString extends StdScalarDeserializer<String> {

        NoNulString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL, s.replace('\0', '?'), String.class);
            }
            return s;
        }
    }
}
