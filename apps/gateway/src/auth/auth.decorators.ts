import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@clinic/contracts';

export const IS_PUBLIC = 'clinic:public';
export const ROLES = 'clinic:roles';

/** No token needed (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; without it any signed-in user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
