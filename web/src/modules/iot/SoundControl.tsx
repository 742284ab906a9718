import { MutedOutlined, SoundOutlined } from '@ant-design/icons';
import { Button, Switch, Tooltip } from 'antd';
import { useT } from '../../core/i18n';
import type { AlarmSound } from './useAlarmSound';

/** The mute switch, and while the browser still holds sound back, the button that lets it play. */
export function SoundControl({ sound }: { sound: AlarmSound }) {
  const { t } = useT();
  return (
    <span className="sz-fire-sound" data-testid="fire-sound" data-played={sound.played}>
      <Switch
        checked={!sound.muted}
        onChange={(on) => sound.setMuted(!on)}
        checkedChildren={<SoundOutlined />}
        unCheckedChildren={<MutedOutlined />}
        aria-label={t('iot.sound')}
        data-testid="fire-sound-switch"
      />
      <span>{sound.muted ? t('iot.soundOff') : t('iot.soundOn')}</span>
      {sound.blocked && !sound.muted && (
        <Tooltip title={t('iot.enableSoundHint')}>
          <Button size="small" icon={<SoundOutlined />} onClick={sound.enable} data-testid="fire-enable-sound">
            {t('iot.enableSound')}
          </Button>
        </Tooltip>
      )}
    </span>
  );
}
