/**
 * Leads to rewards (线索与奖励): the leads 平安联盟 members send from their phones, reviewed by the police
 * ({@link org.redwhistle.api.leads.LeadStatus}), turned into a case or an alarm, with their outcome (suspects
 * caught, property recovered); rewards for valid leads and arrests proposed by the police and approved by a
 * police leader, paid from the district's yearly fund, whose ledger the database keeps (the balance never
 * below zero). {@link org.redwhistle.api.leads.Leads} and {@link org.redwhistle.api.leads.Rewards} are the API;
 * the rest is {@code internal}.
 */
package org.redwhistle.api.leads;
