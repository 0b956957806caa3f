import { Module } from '@nestjs/common';
import { AuthModule } from '@callshop/api/auth';
import { CsvExports } from './csv-exports.service';
import { ExportsController } from './exports.controller';

/** CSV exports of a shop's call history and callback requests (`/api/v2/exports/*.csv`). */
@Module({
  imports: [AuthModule],
  controllers: [ExportsController],
  providers: [CsvExports],
})
export class ExportsModule {}
