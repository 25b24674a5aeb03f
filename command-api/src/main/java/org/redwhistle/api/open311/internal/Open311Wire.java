package org.redwhistle.api.open311.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The GeoReport v2 documents, with the spec's field names and order (the XML form writes the
 * fields in this order too).
 */
final class Open311Wire {

    private Open311Wire() {
    }

    @JsonPropertyOrder({"changeset", "contact", "key_service", "endpoints"})
    record Discovery(String changeset, String contact, @JsonProperty("key_service") String keyService, List<Endpoint> endpoints) {
    }

    @JsonPropertyOrder({"specification", "url", "changeset", "type", "formats"})
    record Endpoint(String specification, String url, String changeset, String type, List<String> formats) {
    }

    @JsonPropertyOrder({"service_code", "service_name", "description", "metadata", "type", "keywords", "group"})
    record Service(@JsonProperty("service_code") String code, @JsonProperty("service_name") String name, String description, boolean metadata,
            String type, String keywords, String group) {
    }

    /** No service asks for extra attributes. */
    @JsonPropertyOrder({"service_code", "attributes"})
    record ServiceDefinition(@JsonProperty("service_code") String code, List<String> attributes) {
    }

    @JsonPropertyOrder({"service_request_id", "service_notice", "account_id"})
    record Filed(@JsonProperty("service_request_id") String id, @JsonProperty("service_notice") String notice,
            @JsonProperty("account_id") String accountId) {
    }

    @JsonPropertyOrder({"service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
        "media_url"})
    record ServiceRequest(@JsonProperty("service_request_id") String id, String status, @JsonProperty("status_notes") String statusNotes,
            @JsonProperty("service_name") String serviceName, @JsonProperty("service_code") String serviceCode, String description,
            @JsonProperty("agency_responsible") String agencyResponsible, @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") String requested, @JsonProperty("updated_datetime") String updated,
            @JsonProperty("expected_datetime") String expected, String address, @JsonProperty("address_id") String addressId, String zipcode,
            double lat, @JsonProperty("long") double lon, @JsonProperty("media_url") String mediaUrl) {
    }

    @JsonPropertyOrder({"service_request_id", "token"})
    record Token(@JsonProperty("service_request_id") String id, String token) {
    }

    @JsonPropertyOrder({"code", "description"})
    record Problem(int code, String description) {
    }
}
