/**
 * Residents' requests (小红哨 cases). The API other features use: {@link org.redwhistle.api.cases.Cases}
 * (file, read and act on a case), {@link org.redwhistle.api.cases.CaseView} and its
 * {@link org.redwhistle.api.cases.CaseView.CaseChanged} event, and the typed states
 * {@link org.redwhistle.api.cases.CaseStatus}, {@link org.redwhistle.api.cases.CaseLevel},
 * {@link org.redwhistle.api.cases.CaseAction} and {@link org.redwhistle.api.cases.Satisfaction}. The
 * controllers, stores, case types and supervision (督办) are {@code internal}.
 */
package org.redwhistle.api.cases;
