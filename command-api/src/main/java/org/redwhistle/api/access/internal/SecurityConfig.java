package org.redwhistle.api.access.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.redwhistle.api.access.PolicyAuthorization;
import org.redwhistle.api.errors.Problems;
import org.redwhistle.api.security.BrowserPolicy;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.security.SecurityProperties;
import org.redwhistle.api.security.TokenService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/**
 * JWT on every API call (STOMP authenticates in its CONNECT frame), and every controller route
 * decided by {@link org.redwhistle.api.access.AccessPolicy}; the pages' static files and liveness
 * are open. Errors are RFC 9457 problem documents.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, Problems problems, PolicyAuthorization policy,
            org.redwhistle.api.mapconfig.MapProperties map) {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> List.of(new SimpleGrantedAuthority("ROLE_" + jwt.getClaimAsString(TokenService.ROLE_CLAIM))));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(BrowserPolicy.contentSecurity(map)))
                        .permissionsPolicy(p -> p.policy(BrowserPolicy.PERMISSIONS))
                        .referrerPolicy(r -> r.policy(org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter
                                .ReferrerPolicy.SAME_ORIGIN)))
                .authorizeExchange(a -> a
                        // every controller route: the one access policy (AccessPolicy), default deny
                        .pathMatchers("/api/**", "/open311/**", "/asyncapi.json", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
                                "/swagger-ui.html").access(policy) // RouteLines.ENFORCED
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        // STOMP authenticates in its CONNECT frame and subscriptions are checked against AccessPolicy;
                        // the pages and their static files carry no data
                        .anyExchange().permitAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "Authentication required", "send a valid bearer token (POST /api/v1/auth/token) in the Authorization header"))
                        .accessDeniedHandler((exchange, e) -> denied(problems, exchange)))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "Authentication required", "send a valid bearer token (POST /api/v1/auth/token) in the Authorization header"))
                        .accessDeniedHandler((exchange, e) -> denied(problems, exchange)))
                .build();
    }

    /** A refusal by the access policy: which permission the route needs and that the role lacks it. */
    private static reactor.core.publisher.Mono<Void> denied(Problems problems, org.springframework.web.server.ServerWebExchange exchange) {
        String why = exchange.getAttribute(PolicyAuthorization.DENIAL);
        return problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden by the access policy",
                why == null ? "your role does not allow this" : why);
    }

    @Bean
    SecretKey jwtKey(SecurityProperties props) {
        return new SecretKeySpec(props.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecretKey key, SecurityProperties props) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(props.issuer()));
        return decoder;
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey key) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
