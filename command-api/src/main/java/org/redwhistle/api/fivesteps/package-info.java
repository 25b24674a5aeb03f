/**
 * 五事工作法 for communities: a public matter (a proposal, not a complaint) goes 居民提事 (a resident raises it)
 * → 网格议事 (the grid deliberates: meetings, opinions, minutes, options with their costs) → 会议定事 (a meeting
 * decides under a vote rule of {@code decisions}, the result counted by {@link org.redwhistle.api.decisions.Tally}
 * from the recorded votes) → 联动办事 (tasks to units, deadlines in working days, supervised) → 群众评事 (the
 * community's residents evaluate). The whole record is public to the residents of that community. The API:
 * {@link org.redwhistle.api.fivesteps.Proposals} with its views; the stores, the sweep and the controller are
 * {@code internal}.
 */
package org.redwhistle.api.fivesteps;
