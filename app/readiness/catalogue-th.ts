/**
 * The readiness catalogue in Thai: each check's title and what passes, by its stable id. OCPP names
 * (actions, keys, statuses, measurands) stay as the charger sends them. The ids, the verdicts and
 * the reasons in the JSON report stay English (machine-readable); the HTML report and the UI show
 * these where the user reads Thai.
 */
export const CATALOGUE_TH: Readonly<Record<string, { readonly title: string; readonly passes: string }>> = {
  'transport.wss': { title: 'เชื่อมต่อผ่าน wss', passes: 'เครื่องชาร์จเชื่อมต่อผ่าน TLS (wss) การเชื่อมต่อแบบ ws ที่ไม่เข้ารหัสไม่ผ่านการตรวจนี้' },
  'transport.tls12-policy': {
    title: 'TLS 1.2 ตามนโยบายการเข้ารหัสของแพลตฟอร์ม',
    passes: 'ตกลงใช้ TLS 1.2 กับชุดการเข้ารหัสของ ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  },
  'transport.subprotocol': { title: 'เสนอ ocpp1.6', passes: 'คำขออัปเกรดเสนอ subprotocol ocpp1.6' },
  'auth.basic': { title: 'Basic Auth', passes: 'ส่งส่วนหัว Basic Auth โดยผู้ใช้ = รหัสเครื่องชาร์จ และรหัสผ่าน = รหัสที่ตั้งไว้' },
  'auth.certificate': {
    title: 'ใบรับรองไคลเอนต์ (Security Profile 3)',
    passes: 'เครื่องชาร์จเชื่อมต่อด้วยใบรับรองไคลเอนต์ TLS ที่ต่อสายถึง CA ที่เชื่อถือได้ ยังไม่หมดอายุ และระบุรหัสเครื่องชาร์จ (CN); ไม่บังคับจนกว่าแพลตฟอร์มจะกำหนดให้ใช้ Security Profile 3',
  },
  'clock.skew': { title: 'นาฬิกา', passes: 'เวลาที่เครื่องชาร์จส่งมาต่างจากนาฬิกาของโฮสต์ไม่เกิน 60 วินาที (เตือนถึง 300 วินาทียังนับว่าพร้อม)' },
  'core.boot': { title: 'BootNotification', passes: 'ได้รับ BootNotification ที่ถูกต้องตามสคีมาหลังเชื่อมต่อ' },
  'core.heartbeat': {
    title: 'Heartbeat',
    passes: 'ในทุกช่วง heartbeat ที่กำหนดในคำตอบ BootNotification (+20 %) เครื่องชาร์จส่ง Heartbeat หรือข้อความอื่นมา (OCPP 1.6 §4.6)',
  },
  'core.schema': {
    title: 'OCPP-J ถูกต้อง',
    passes: 'ทุกเฟรมจากเครื่องชาร์จเป็น OCPP-J ที่ถูกรูปแบบและถูกต้องตามสคีมา OCPP 1.6 (เตือนเมื่อผิดเฉพาะในข้อความที่แพลตฟอร์มไม่ได้ใช้ ยังนับว่าพร้อม)',
  },
  'core.profiles': {
    title: 'โปรไฟล์ความสามารถ (Feature profiles)',
    passes: 'SupportedFeatureProfiles มี Core, SmartCharging และ RemoteTrigger (และ FirmwareManagement เมื่อรวมการอัปเดตเฟิร์มแวร์)',
  },
  'config.sampled-data': {
    title: 'MeterValuesSampledData',
    passes:
      'ChangeConfiguration MeterValuesSampledData=Energy.Active.Import.Register,Power.Active.Import ได้รับ Accepted และอ่านค่ากลับได้ตรงกัน (RebootRequired หรือ Current.Import กับ Voltage แทน Power.Active.Import เป็นคำเตือนที่ยังนับว่าพร้อม)',
  },
  'config.sample-interval': {
    title: 'MeterValueSampleInterval',
    passes: 'ChangeConfiguration MeterValueSampleInterval=60 ได้รับ Accepted และอ่านค่ากลับได้ตรงกัน (RebootRequired เป็นคำเตือนที่ยังนับว่าพร้อม)',
  },
  'meter.power': { title: 'กำลังไฟฟ้าใน MeterValues', passes: 'ระหว่างการชาร์จ MeterValues มี Power.Active.Import หรือ Current.Import และ Voltage' },
  'meter.energy-register': { title: 'มิเตอร์พลังงาน', passes: 'MeterValues มี Energy.Active.Import.Register และค่าไม่ลดลงระหว่างการชาร์จครั้งเดียวกัน' },
  'meter.interval': { title: 'รักษาช่วงเวลาการวัด', passes: 'MeterValues มาถึงตามช่วงเวลาที่ตั้งไว้ (±20 %)' },
  'tx.meter-start-stop': {
    title: 'meterStart และ meterStop',
    passes: 'StartTransaction มี meterStart, StopTransaction มี meterStop และทั้งสองตรงกับค่ามิเตอร์ (±1 %)',
  },
  'status.semantics': {
    title: 'ความหมายของสถานะ',
    passes: 'Available เฉพาะเมื่อไม่ได้เสียบสาย, Charging เฉพาะเมื่อมีกำลังไฟฟ้าไหล, Suspended เมื่อเสียบสายแต่ไม่ได้ชาร์จ',
  },
  'smart.tx-profile': {
    title: 'รับ TxProfile',
    passes: 'SetChargingProfile แบบ TxProfile ได้รับ Accepted ระหว่างการชาร์จ (อย่างใดอย่างหนึ่ง: ข้อนี้หรือ ChargePointMaxProfile)',
  },
  'smart.max-profile': {
    title: 'รับ ChargePointMaxProfile',
    passes: 'SetChargingProfile แบบ ChargePointMaxProfile ที่หัวชาร์จ 0 ได้รับ Accepted (อย่างใดอย่างหนึ่ง: ข้อนี้หรือ TxProfile)',
  },
  'smart.off': {
    title: 'ขีดจำกัด 0 หยุดการชาร์จ',
    passes: 'เมื่อจำกัดที่ 0 เครื่องชาร์จหยุดจ่ายไฟภายในสองช่วงการวัด และรายงานสถานะ Suspended',
  },
  'smart.on': { title: 'ยกเลิกขีดจำกัดแล้วชาร์จต่อ', passes: 'หลังยกเลิกขีดจำกัด กำลังไฟฟ้ากลับมาภายในสองช่วงการวัด' },
  'smart.limit': { title: 'ปฏิบัติตามขีดจำกัด', passes: 'ขีดจำกัดที่ไม่ใช่ 0 ได้รับการปฏิบัติตามภายใน 10 %' },
  'trigger.boot': { title: 'สั่ง BootNotification', passes: 'TriggerMessage BootNotification ได้รับ Accepted และตามด้วย BootNotification ภายใน 30 วินาที' },
  'trigger.status': { title: 'สั่ง StatusNotification', passes: 'TriggerMessage StatusNotification ได้รับ Accepted และตามด้วย StatusNotification ภายใน 30 วินาที' },
  'firmware.update': {
    title: 'อัปเดตเฟิร์มแวร์',
    passes: 'UpdateFirmware ได้รับ Accepted เครื่องชาร์จดาวน์โหลดไฟล์จากแอป และรายงาน Downloading → Downloaded → Installing → Installed',
  },
  'diagnostics.upload': {
    title: 'อัปโหลดข้อมูลวินิจฉัย',
    passes: 'GetDiagnostics ได้รับ Accepted พร้อมชื่อไฟล์ ไฟล์ที่ไม่ว่างมาถึงแอป (FTP หรือ HTTP) และเครื่องชาร์จรายงาน Uploading → Uploaded',
  },
  'connectivity.reconnect': { title: 'เชื่อมต่อใหม่', passes: 'หลังระบบกลางปิดการเชื่อมต่อ เครื่องชาร์จเชื่อมต่อกลับภายใน 120 วินาที' },
  'connectivity.keepalive': { title: 'รักษาการเชื่อมต่อ', passes: 'การเชื่อมต่อไม่เงียบนาน 60 วินาทีขึ้นไป (WebSocket ping หรือทราฟฟิก OCPP)' },
  'security.events': {
    title: 'เหตุการณ์ด้านความปลอดภัย',
    passes: 'เครื่องชาร์จรายงานเหตุการณ์ด้านความปลอดภัยด้วย SecurityEventNotification (ส่วนขยายความปลอดภัยของ OCPP 1.6); แสดงรายการที่พบ',
  },
};
