package io.upgradeorchestrator.upgrade;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.upgradeorchestrator.request.UpgradeRequest;

/**
 * Idempotency keys of upgrade requests ({@code Idempotency-Key} header): which upgrade a requester's key started,
 * and a digest of the request it came with, so that a retry is told apart from a different request under a
 * reused key.
 */
@Component
class RequestKeys {

    static final int MAX_LENGTH = 200;

    record Remembered(String upgradeId, String requestDigest) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    RequestKeys(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Remembered> find(String requester, String key) {
        List<Remembered> found = jdbc.query(
                "SELECT upgrade_id, request_digest FROM upgrade_request_key WHERE requester = ? AND idempotency_key = ?",
                (row, n) -> new Remembered(row.getString(1), row.getString(2).strip()), requester, key);
        return found.stream().findFirst();
    }

    /**
     * Claims the key for an upgrade id, committed at once (the caller runs outside a transaction). A twin request
     * with the same key fails here with a duplicate key.
     */
    void remember(String requester, String key, String requestDigest, String upgradeId, Instant now) {
        jdbc.update("INSERT INTO upgrade_request_key (requester, idempotency_key, request_digest, upgrade_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", requester, key, requestDigest, upgradeId, Timestamp.from(now));
    }

    /** Frees the key again when its upgrade could not be started. */
    void forget(String requester, String key) {
        jdbc.update("DELETE FROM upgrade_request_key WHERE requester = ? AND idempotency_key = ?", requester, key);
    }

    /** SHA-256 of the request as JSON: the record's components in declaration order, so equal requests agree. */
    String digest(UpgradeRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest the upgrade request", e);
        }
    }
}
