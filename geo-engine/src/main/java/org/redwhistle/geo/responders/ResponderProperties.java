package org.redwhistle.geo.responders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live responder index ({@link ResponderLocator}). How often it follows other instances' changes
 * is {@code redwhistle.geo.refresh-interval} (2s), read by its scheduled poll.
 *
 * @param responderCellDeg side of a cell of the in-memory moving-object index, in degrees (0.01 ≈ 1.1 km
 *                         north–south); a nearest query searches rings of cells outward from its point
 */
@ConfigurationProperties("redwhistle.geo")
public record ResponderProperties(@DefaultValue("0.01") double responderCellDeg) {
}
