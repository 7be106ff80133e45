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

export class WechatLoginDto {
  @ApiProperty({ description: 'the code from wx.login()', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  code: string;
}

/** The version of the privacy agreement (隐私政策) a patient accepted; bump it when the text changes. */
export const PRIVACY_POLICY_VERSION = '2026-11';

export class PrivacyConsentDto {
  @ApiProperty({ example: PRIVACY_POLICY_VERSION })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  version: string;
}

export interface AccountReply {
  id: string;
  /** The privacy agreement in force; the account must accept it when `privacyVersion` differs. */
  currentPrivacyVersion: string;
  /** Version of the privacy agreement accepted, or null before the patient has agreed. */
  privacyVersion: string | null;
  privacyConsentedAt: string | null;
  createdAt: string;
}

export interface WechatLoginReply extends TokenPairReply {
  account: AccountReply;
}

export type MeReply = { kind: 'staff'; user: StaffUserReply } | { kind: 'account'; account: AccountReply };

/** What an access token carries; the gateway verifies it and turns it into an Actor. */
export interface AccessTokenClaims {
  sub: string;
  kind: 'staff' | 'account';
  roles: Role[];
  clinicId: string;
}

export interface AccountPayerReply {
  /** Null for an account made by the development sign-in without WeChat. */
  openid: string | null;
  patientIds: string[];
}
