/**
 * The 平安联盟 as an organisation: its teams, led by a police station or a community police office; its members
 * from application through vetting to membership ({@link org.redwhistle.api.alliance.MembershipStatus}), each
 * with a trade ({@link org.redwhistle.api.alliance.Trade}); the unified badge, a signed QR code anyone can check on
 * a public page; the import of members from XLSX; the figures by trade and team. An active member is a responder
 * (a {@code member} of role PATROL) whose duty the alliance gates ({@code DutyGate}). The API is
 * {@link org.redwhistle.api.alliance.AllianceLoader} (seeding) and the enums; the rest is {@code internal}.
 */
package org.redwhistle.api.alliance;
