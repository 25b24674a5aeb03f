/**
 * Face-recognition crossings (人脸识别): the police's watchlist of person ids (布控名单) and the
 * passages the face gates report, kept for a configurable time. The platform stores no face images
 * of the watched and no face templates: the edge devices match faces and report the id they matched;
 * the watchlist holds ids, aliases and reasons. Alarms ask {@link org.redwhistle.api.faces.FaceWatchlist}
 * whether a reported id is watched where it was seen; the rest is {@code internal}.
 */
package org.redwhistle.api.faces;
