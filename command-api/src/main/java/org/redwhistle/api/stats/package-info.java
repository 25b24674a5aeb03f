/** Case statistics (三率) over the cases feature's tables; nothing here is used by other features, so all of it is {@code internal}. */
package org.redwhistle.api.stats;
