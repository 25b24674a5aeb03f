package org.redwhistle.api.open311.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The XML form is written from the same tree as the JSON form: the spec's names, in the spec's order, escaped. */
class XmlTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRequestListIsWrittenInTheSpecsOrderWithNullsAsEmptyElements() {
        var filed = List.of(new Open311Wire.Filed("XHS-20261204-000001", "办结时限 <三天> & \"当日\"", null));
        assertThat(Xml.document("service_requests", "request", JSON.valueToTree(filed))).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<service_requests><request><service_request_id>XHS-20261204-000001</service_request_id>"
                + "<service_notice>办结时限 &lt;三天&gt; &amp; &quot;当日&quot;</service_notice><account_id/></request></service_requests>");
    }

    @Test
    void nestedListsAreNamedAfterTheirFieldAndLongStaysLong() {
        var d = new Open311Wire.Discovery("c", "x", "k", List.of(new Open311Wire.Endpoint("s", "/u", "c", "production", List.of("text/xml"))));
        assertThat(Xml.document("discovery", null, JSON.valueToTree(d)))
                .contains("<endpoints><endpoint><specification>s</specification>").contains("<formats><format>text/xml</format></formats>");
        var r = new Open311Wire.ServiceRequest("id", "open", null, null, null, null, null, null, null, null, null, null, null, null, 36.702, 119.125,
                null);
        assertThat(Xml.document("service_requests", "request", JSON.valueToTree(List.of(r)))).contains("<lat>36.702</lat><long>119.125</long>");
    }
}
