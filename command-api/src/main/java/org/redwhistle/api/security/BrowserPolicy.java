package org.redwhistle.api.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.redwhistle.api.mapconfig.MapProperties;

/**
 * The headers that tell a browser what the pages may do. Content-Security-Policy: scripts, styles
 * and workers only from this server (MapLibre's workers from blob: URLs), images and connections to
 * this server and the basemap tile hosts the installation configured, video from this server and from
 * blob: URLs (the live view's Media Source), nothing framed, no plugins.
 * Permissions-Policy: the patrol page's position and camera, nothing else.
 */
public final class BrowserPolicy {

    public static final String PERMISSIONS = "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), serial=(), "
            + "bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), fullscreen=(self)";

    /** Where the Swagger UI's page and files are served (springdoc). */
    public static final String API_DOCS_PAGES = "/swagger-ui/";

    private BrowserPolicy() {
    }

    /** The CSP for this installation's basemaps. */
    public static String contentSecurity(MapProperties map) {
        String tiles = String.join(" ", tileOrigins(map));
        String extra = tiles.isEmpty() ? "" : " " + tiles;
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + extra
                + "; connect-src 'self'" + extra + "; media-src 'self' blob:; worker-src 'self' blob:; child-src 'self' blob:; font-src 'self' data:"
                + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * The CSP of the REST contract's Swagger UI ({@link #API_DOCS_PAGES}): the dashboard's, with inline
     * styles allowed, which Swagger UI applies as it renders; scripts stay this server's alone.
     */
    public static String contentSecurityForApiDocs(MapProperties map) {
        return contentSecurity(map).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    }

    /** scheme://host[:port] of every tile source the dashboard may load. */
    static Set<String> tileOrigins(MapProperties map) {
        Set<String> out = new LinkedHashSet<>();
        if (map.tiandituKey() != null && !map.tiandituKey().isBlank()) {
            out.add("https://*.tianditu.gov.cn");
        }
        for (String template : map.gcj02Tiles()) {
            try {
                URI u = URI.create(template.replace("{x}", "0").replace("{y}", "0").replace("{z}", "0"));
                if (u.getScheme() != null && u.getHost() != null) {
                    out.add(u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
                }
            } catch (IllegalArgumentException unusable) {
                // a malformed template gets no origin: its tiles are refused by the browser, nothing else is opened
            }
        }
        return out;
    }
}
