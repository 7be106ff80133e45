import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Role } from '../roles';

export class StaffLoginDto {
  @ApiProperty({ example: 'admin', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken: string;
}

export interface StaffUserReply {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  clinicId: string;
}

export interface TokenPairReply {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface StaffLoginReply extends TokenPairReply {
  user: StaffUserReply;
}

export type MeReply = { kind: 'staff'; user: StaffUserReply };

/** What an access token carries; the gateway verifies it and turns it into an Actor. */
export interface AccessTokenClaims {
  sub: string;
  kind: 'staff' | 'account';
  roles: Role[];
  clinicId: string;
}
