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

@Entity
@Table(name = "chat_sessions", indexes = @Index(name = "ix_chat_sessions_line_user_id", columnList = "line_user_id"))
public class ChatSession {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  @Column(name = "line_user_id", length = 64, nullable = false)
  private String lineUserId;

  @ManyToOne
  @JoinColumn(name = "operator_id", foreignKey = @ForeignKey(name = "fk_chat_sessions_operator_id"))
  private User operator;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private SessionStatus status;

  @Column(name = "started_at", nullable = false)
  private OffsetDateTime startedAt;

  @Column(name = "closed_at")
  private OffsetDateTime closedAt;
}
