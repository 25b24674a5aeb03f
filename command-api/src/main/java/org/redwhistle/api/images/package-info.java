/**
 * Pictures people send: {@link org.redwhistle.api.images.ImageFormat} tells a JPEG, PNG or WebP by
 * its first bytes (never by what the client declares), and {@link org.redwhistle.api.images.PhotoNormalizer}
 * decodes one within a pixel budget, turns it upright, shrinks it and re-encodes it as a JPEG
 * without any metadata (EXIF, GPS position, XMP, comments). Pure functions, no storage.
 */
package org.redwhistle.api.images;
