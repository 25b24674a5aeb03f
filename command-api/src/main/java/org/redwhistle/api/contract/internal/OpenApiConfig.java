package org.redwhistle.api.contract.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The REST contract: the OpenAPI 3.1 document springdoc builds from the controllers at
 * {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}. Who may call each operation is
 * written in by the access feature ({@code access.internal.PolicyOperations}), the problem responses by
 * {@link org.redwhistle.api.errors.ProblemResponses}; the dashboard's TypeScript types are
 * generated from this document (docs/api.md).
 */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI restContract() {
        return new OpenAPI()
                .info(new Info().title("Red Whistle command center (小红哨指挥中心) REST API").version("v1")
                        .description("""
                                The REST contract of the command center. Sign in with `POST /api/v1/auth/token` and send the access \
                                token as `Authorization: Bearer …`. Each operation names the permission it needs and the roles \
                                holding it with their scope, read from the access policy (docs/security.md). Refusals are RFC 9457 \
                                problem documents (`application/problem+json`) naming the bad fields. The live push (STOMP) and the \
                                devices' MQTT contract are described by `/asyncapi.json`."""))
                // relative: the document and the UI work behind any host name and port
                .servers(List.of(new Server().url("/")));
    }
}
