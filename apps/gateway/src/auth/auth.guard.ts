import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { allowed, type Action } from '@clinic/contracts';
import { Config, DomainError, verifyAccessToken } from '@clinic/platform';
import { ACTION, IS_PUBLIC } from './auth.decorators';

/**
 * Every route is @Public or names its action (@Can); the policy table decides which roles may. A route
 * with neither is refused, so a forgotten decorator closes a door rather than opening it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: Config,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest();
    const header: unknown = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first: Authorization: Bearer <accessToken>');
    const actor = verifyAccessToken(match[1], this.config.env.JWT_SECRET!);
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION, targets);
    if (!action || !allowed(actor.roles, action)) throw new DomainError('AUTH.FORBIDDEN', action ? `Not allowed: ${action}` : 'Not allowed');
    req.actor = actor;
    return true;
  }
}
