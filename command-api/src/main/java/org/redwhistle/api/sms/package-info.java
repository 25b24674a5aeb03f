/**
 * Text messages to residents' phones and the one-time codes that confirm a number. The API:
 * {@link org.redwhistle.api.sms.SmsSender} (the pluggable sender; the default writes to the
 * application log), {@link org.redwhistle.api.sms.VerificationCodes} (issue and redeem codes, with
 * their limits), {@link org.redwhistle.api.sms.SmsPurpose} and {@link org.redwhistle.api.sms.SmsProperties}.
 * docs/sms.md says how a real provider is plugged in.
 */
package org.redwhistle.api.sms;
