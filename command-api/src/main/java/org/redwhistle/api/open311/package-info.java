/** Open311 GeoReport v2 over cases, and its API keys; nothing here is used by other features, so all of it is {@code internal}. */
package org.redwhistle.api.open311;
