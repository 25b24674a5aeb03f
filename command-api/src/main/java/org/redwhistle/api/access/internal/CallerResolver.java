package org.redwhistle.api.access.internal;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.PolicyAuthorization;
import org.redwhistle.api.errors.ApiException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Gives controller methods the {@link Caller} the policy granted. A controller reached without a
 * policy decision (which the security chain prevents) gets 403, never an unchecked user.
 */
@Configuration
public class CallerResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(PolicyAuthorization.CALLER);
        return caller != null ? Mono.just(caller) : Mono.error(ApiException.forbidden("no access-policy decision for this call"));
    }
}
