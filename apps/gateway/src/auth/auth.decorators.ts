import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Action, Actor } from '@clinic/contracts';

export const IS_PUBLIC = 'clinic:public';
export const ACTION = 'clinic:action';

/** No token needed (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route performs this action of the policy table (libs/contracts policy.ts); the guard checks the role. */
export const Can = (action: Action) => SetMetadata(ACTION, action);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
