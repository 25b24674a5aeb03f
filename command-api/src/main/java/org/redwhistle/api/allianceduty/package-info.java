/**
 * The 平安联盟's duty: equipment issued to members and returned ({@link org.redwhistle.api.allianceduty.Equipment}),
 * pre-duty training and its validity ({@link org.redwhistle.api.allianceduty.Training}, whose required courses gate
 * a PATROL member's going on duty through {@link org.redwhistle.api.members.DutyGate}), and duty rosters with who is
 * on duty now ({@link org.redwhistle.api.allianceduty.Rosters}). Everything is keyed by the responder
 * ({@code member.id}); the rest is {@code internal}.
 */
package org.redwhistle.api.allianceduty;
