import { Alert, Button, type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../core/api';

/** The server's own minimum: a reason is written into the audit row beside who did it. */
const MIN_REASON = 4;

interface Props {
  button: Pick<ButtonProps, 'danger' | 'icon' | 'size' | 'type'>;
  buttonLabel: ReactNode;
  buttonTestId: string;
  title: string;
  okText: string;
  label: string;
  hint: string;
  requiredMessage: string;
  /** Said above the reason, for an act that cannot be taken back. */
  warning?: string;
  danger?: boolean;
  /** data-testid prefix: `${testId}-submit`, `${testId}-reason`. */
  testId: string;
  /** Runs the act with the trimmed reason; a thrown error is shown in the dialog. */
  onSubmit: (reason: string) => Promise<void>;
}

/** A button whose act needs a reason first (reveal, erase): the dialog asks, the server records it. */
export function ReasonButton({
  button,
  buttonLabel,
  buttonTestId,
  title,
  okText,
  label,
  hint,
  requiredMessage,
  warning,
  danger,
  testId,
  onSubmit,
}: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button {...button} onClick={() => setOpen(true)} data-testid={buttonTestId}>
        {buttonLabel}
      </Button>
      <Modal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={okText}
        okButtonProps={{ danger, loading: busy, 'data-testid': `${testId}-submit` } as never}
        destroyOnHidden
      >
        {warning && <Typography.Paragraph>{warning}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="reason"
            label={label}
            extra={hint}
            rules={[
              {
                required: true,
                min: MIN_REASON,
                transform: (value?: string) => value?.trim(),
                message: requiredMessage,
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid={`${testId}-reason`} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
