/** The demo village and its replayed year of requests; nothing here is used by other features, so all of it is {@code internal}. */
package org.redwhistle.api.demo;
