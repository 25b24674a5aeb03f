/**
 * The district's organisation as data: the district center (the district's own office), streets,
 * communities and grids (areas, owned by the geo engine), and the departments (区住建局, 区综合行政执法局,
 * 供电, 供水, …), each with its accounts. The API: {@link org.redwhistle.api.units.Departments} and the
 * {@link org.redwhistle.api.units.Department} view; the stores and controllers are {@code internal}.
 */
package org.redwhistle.api.units;
