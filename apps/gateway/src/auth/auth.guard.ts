import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@clinic/contracts';
import { Config, DomainError, verifyAccessToken } from '@clinic/platform';
import { IS_PUBLIC, ROLES } from './auth.decorators';

/** Every route needs a valid access token unless marked @Public; @Roles narrows who may call it. */
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
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !actor.roles.some((r) => roles.includes(r))) {
      throw new DomainError('AUTH.FORBIDDEN', `Requires role: ${roles.join(' or ')}`);
    }
    req.actor = actor;
    return true;
  }
}
