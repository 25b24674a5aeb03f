package org.redwhistle.api.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;

/** A person who logs in: operator, leader, grid worker, patrol member, integrator, resident… */
@Entity
@Table(name = "app_user")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "area_id")
    private Long areaId;

    @Column(nullable = false)
    private boolean enabled = true;

    /** A mainland mobile number, confirmed by a code (residents who signed up: also their user name); null when unknown. */
    @Column
    private String phone;

    /** The department a DEPARTMENT account works for (it reports for that department alone); null for others. */
    @Column(name = "department_id")
    private Long departmentId;

    protected UserAccount() {
    }

    public UserAccount(String username, String displayName, String passwordHash, Role role, Long areaId) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.areaId = areaId;
    }

    /** A resident who signed up with their confirmed mobile number, which is also their user name. */
    public static UserAccount resident(String phone, String displayName, String passwordHash, Long areaId) {
        UserAccount u = new UserAccount(phone, displayName, passwordHash, Role.RESIDENT, areaId);
        u.phone = phone;
        return u;
    }

    public CurrentUser asCurrentUser() {
        return new CurrentUser(id, username, role, areaId);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public Long getAreaId() {
        return areaId;
    }

    public String getPhone() {
        return phone;
    }

    /** The number the person is reached on (a grid worker's, shown to the residents whose requests they handle). */
    public void setPhone(String phone) {
        this.phone = phone;
    }

    public Long getDepartmentId() {
        return departmentId;
    }

    public void setDepartmentId(Long departmentId) {
        this.departmentId = departmentId;
    }

    public boolean isEnabled() {
        return enabled;
    }
}
