package org.redwhistle.api.security;

import org.redwhistle.api.mapconfig.MapProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives the Swagger UI's pages their own Content-Security-Policy
 * ({@link BrowserPolicy#contentSecurityForApiDocs}); Spring Security's header writer leaves a CSP
 * that is already set, so every other page keeps the dashboard's.
 */
@Component
public class ApiDocsPagePolicy implements WebFilter {

    private final String policy;

    public ApiDocsPagePolicy(MapProperties map) {
        this.policy = BrowserPolicy.contentSecurityForApiDocs(map);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith(BrowserPolicy.API_DOCS_PAGES)) {
            exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
        }
        return chain.filter(exchange);
    }
}
