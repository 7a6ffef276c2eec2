package com.example.chatsupport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** People who write to support and the staff who answer them. */
@Entity
@Table(name = "users", indexes = {
    @Index(name = "ix_users_line_user_id", columnList = "line_user_id", unique = true),
    @Index(name = "ix_users_username", columnList = "username", unique = true)})
public class User {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  @Column(name = "line_user_id", length = 64)
  private String lineUserId;

  @Column(length = 100)
  private String username;

  @Column(name = "display_name")
  private String displayName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private UserRole role;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @ManyToOne
  @JoinColumn(name = "organization_id", foreignKey = @ForeignKey(name = "fk_users_organization_id"))
  private Organization organization;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;
}
