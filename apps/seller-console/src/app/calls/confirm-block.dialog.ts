import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';

/** Asks before blocking a customer; closes with `true` to block. */
@Component({
  selector: 'cs-confirm-block-dialog',
  imports: [MatButton, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Block {{ data.name }}?</h2>
    <mat-dialog-content>
      <p>
        {{ data.name }} will no longer be able to call your shop or ask for a callback: they are told that the
        shop is not taking their calls. Nothing rings and nothing is added to your missed calls.
      </p>
      <p>You can unblock them any time under "Blocked callers".</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="confirm-block">
        Block caller
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmBlockDialog {
  protected readonly data = inject<{ name: string }>(MAT_DIALOG_DATA);
}
