import { registerAs } from '@nestjs/config';
import { validatedEnv } from './env.validation';

export interface IntegrationsConfig {
  /** Bearer token `/metrics` asks for; null: `/metrics` is off (404). */
  metricsToken: string | null;
  webhooks: {
    /**
     * Deliver to endpoints resolving to private, loopback or link-local addresses. Always
     * allowed outside production (development machines and tests); in production only when set.
     */
    allowPrivateTargets: boolean;
    /** A delivery that has not answered by then fails (and is retried). */
    timeoutMs: number;
    /** First retry after about this long; each next one waits about twice as long (capped at an hour). */
    retryDelaySeconds: number;
    /** How often an idle instance looks for deliveries to send. */
    pollingIntervalSeconds: number;
  };
  /** Outgoing email (appointment reminders); null `smtpUrl`: no email is sent. */
  mail: {
    /** `smtp://user:pass@host:port` or `smtps://...` (TLS from the start). */
    smtpUrl: string | null;
    /** The From header (`SMTP_FROM`, else `Callshop <no-reply@localhost>`). */
    from: string;
  };
}

export const integrationsConfig = registerAs('integrations', (): IntegrationsConfig => {
  const env = validatedEnv();
  return {
    metricsToken: env.METRICS_TOKEN,
    webhooks: {
      allowPrivateTargets: env.NODE_ENV !== 'production' || env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS,
      pollingIntervalSeconds: 1,
    },
    mail: { smtpUrl: env.SMTP_URL, from: env.SMTP_FROM ?? 'Callshop <no-reply@localhost>' },
  };
});
