package org.redwhistle.ingest.pipeline.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.devices.contract.ContractSchemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * Full JSON Schema (draft 2020-12) validation of a payload against the contract's schema of its
 * kind, compiled once. The decoder's own checks run first and give the most specific reasons; this
 * catches every other rule a schema states (lengths, ranges, types of optional fields, consts, ...),
 * so the enforced contract is exactly the published one.
 */
public final class ContractValidator {

    private final Map<String, Schema> schemas = new HashMap<>();

    public ContractValidator() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        ContractSchemas.all().forEach((name, node) -> schemas.put(name, registry.getSchema(node)));
    }

    /** The first violation of the named schema ({@code event.perimeter.intrusion}, {@code status}, ...), if any. */
    public Optional<String> violation(String schemaName, JsonNode payload) {
        Schema schema = schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("no contract schema named " + schemaName);
        }
        List<Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Error e = errors.get(0);
        String where = e.getInstanceLocation().toString().isEmpty() ? "/" : e.getInstanceLocation().toString();
        if (e.getProperty() != null && !e.getMessage().contains(e.getProperty())) {
            where = where + "." + e.getProperty();
        }
        return Optional.of("violates the " + schemaName + " schema at " + where + ": " + e.getMessage());
    }
}
