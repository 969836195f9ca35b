package io.upgradeorchestrator.notification;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the mail beans. Whether mail goes out by SMTP is decided by {@code spring.mail.host} alone: Spring Boot
 * still creates a {@link JavaMailSender} when the host is set to an empty string, which must mean "no server".
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    MailSettings mailSettings(
            @Value("${upgrade-orchestrator.mail.from:upgrade-orchestrator@localhost}") String from,
            @Value("${upgrade-orchestrator.mail.outbox:./data/mail}") String outbox,
            @Value("${upgrade-orchestrator.public-url:http://localhost:8080}") String publicUrl) {
        return MailSettings.of(from, outbox, publicUrl);
    }

    /** Records sent mails in {@code mail_log}; without a database (slim test contexts) nothing is recorded. */
    @Bean
    MailLog mailLog(ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<PlatformTransactionManager> transactions) {
        JdbcTemplate template = jdbc.getIfAvailable();
        PlatformTransactionManager transactionManager = transactions.getIfAvailable();
        return template == null || transactionManager == null ? MailLog.NONE
                : new JdbcMailLog(template, transactionManager);
    }

    @Bean
    MailService mailService(MailSettings settings, ObjectProvider<JavaMailSender> mailSender,
                            @Value("${spring.mail.host:}") String smtpHost, MailLog mailLog) {
        if (smtpHost.isBlank()) {
            log.info("spring.mail.host is not set: mails are written as .eml files to {}",
                    settings.outbox().toAbsolutePath());
            return new MailService(settings, null, Clock.systemUTC(), mailLog);
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("spring.mail.host is set to '" + smtpHost
                    + "' but no JavaMailSender is available; check the spring.mail settings");
        }
        return new MailService(settings, sender, Clock.systemUTC(), mailLog);
    }

    @Bean
    CalendarInvite calendarInvite(MailSettings settings) {
        return new CalendarInvite(settings.from(), Clock.systemUTC());
    }
}
