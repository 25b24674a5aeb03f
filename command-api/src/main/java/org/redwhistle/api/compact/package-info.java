/**
 * The village compact (小公约, 村规民约): versions of numbered articles in four categories (应当, 严禁,
 * 处罚, 恢复), each version adopted only through a 四议两公开 resolution
 * ({@link org.redwhistle.api.decisions.ResolutionPublished}); violations recorded against the version in
 * force, the penalty applied by a penalty article (welfare suspended is data:
 * {@link org.redwhistle.api.compact.PenaltyEffect}), the household alerted, restorations, and appeals sent
 * to mediation ({@link org.redwhistle.api.mediation.DisputeRequested}, answered by
 * {@link org.redwhistle.api.mediation.DisputeSettled}). The API: {@link org.redwhistle.api.compact.Compacts}
 * with its views; the stores, the service and the controllers are {@code internal}.
 */
package org.redwhistle.api.compact;
