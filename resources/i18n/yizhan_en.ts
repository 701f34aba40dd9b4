<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name>yizhan</name>
    <message>
      <source>(根)</source>
      <translation>(root)</translation>
    </message>
    <message>
      <source>15位一代身份证号码已停止使用，请使用18位号码</source>
      <translation>15-digit first-generation ID card numbers are no longer in use. Please use the 18-digit number</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;{i}. 问：&lt;/b&gt;{q}&lt;br/&gt;&lt;b&gt;答：&lt;/b&gt;{a}&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;{i}. Q: &lt;/b&gt;{q}&lt;br/&gt;&lt;b&gt;A: &lt;/b&gt;{a}&lt;/p&gt;</translation>
    </message>
    <message>
      <source>PDF 导入可用</source>
      <translation>PDF import available</translation>
    </message>
    <message>
      <source>PDF 无法转换为图像（pdftoppm 返回 {code}），文件可能已损坏</source>
      <translation>The PDF could not be converted to images (pdftoppm returned {code}). The file may be damaged</translation>
    </message>
    <message>
      <source>PDF 页面转换超时，请重试</source>
      <translation>PDF page conversion timed out. Please try again</translation>
    </message>
    <message>
      <source>PIN 状态</source>
      <translation>PIN state</translation>
    </message>
    <message>
      <source>TPM 中封存的密钥（{path}）无法解封：TPM 已被清除或重置。数据库无法打开，未作改动，未建新库；请从备份恢复并重新登记本机</source>
      <translation>The key sealed in the TPM ({path}) cannot be unsealed: the TPM was cleared or reset. The database cannot be opened; it was not changed and no new database was made. Restore from a backup and enroll this machine again</translation>
    </message>
    <message>
      <source>TPM 密钥文件 {path} 已损坏，数据库未作改动；请从备份恢复该文件</source>
      <translation>The TPM key file {path} is damaged; the database was not changed. Restore that file from a backup</translation>
    </message>
    <message>
      <source>TPM 拒绝解封密钥：绑定的平台状态（PCR {pcrs}）已变（固件或引导变了）。数据库未作改动；请恢复启动配置，或从备份恢复并重新登记</source>
      <translation>The TPM refuses to unseal the key: the platform state it is bound to (PCR {pcrs}) changed (firmware or boot changed). The database was not changed; restore the boot configuration, or restore from a backup and enroll again</translation>
    </message>
    <message>
      <source>USB 密钥 PIN</source>
      <translation>USB key PIN</translation>
    </message>
    <message>
      <source>USB 密钥中找不到唯一的印章证书和私钥，请确认插入的是本行的印章密钥</source>
      <translation>No single seal certificate and private key found on the USB key; make sure the bank's seal key is inserted</translation>
    </message>
    <message>
      <source>USB 密钥中的印章证书不在有效期内（{start} 至 {end}），请联系本行证书管理员更新</source>
      <translation>The seal certificate on the USB key is not valid now ({start} to {end}); ask the bank's certificate administrator to renew it</translation>
    </message>
    <message>
      <source>USB 密钥的 PIN 不正确，文件未盖章。再输错一次密钥将被锁定，请先核对 PIN（或联系本行证书管理员）</source>
      <translation>Wrong USB key PIN; the documents were not sealed. One more wrong try locks the key: check the PIN first (or ask the bank's certificate administrator)</translation>
    </message>
    <message>
      <source>USB 密钥的 PIN 不正确，文件未盖章。请核对后重新输入；连续输错多次密钥会自行锁定</source>
      <translation>Wrong USB key PIN; the documents were not sealed. Check it and enter it again; after several wrong tries the key locks itself</translation>
    </message>
    <message>
      <source>USB 密钥的 PIN 已被锁定，文件未盖章。请联系本行证书管理员解锁，或本次由经办人手写签名</source>
      <translation>The USB key's PIN is locked; the documents were not sealed. Ask the bank's certificate administrator to unlock it, or have the officer sign by hand this time</translation>
    </message>
    <message>
      <source>USB 密钥的 PIN 已过期，请先用密钥厂商的工具修改 PIN</source>
      <translation>The USB key's PIN has expired; change it first with the key maker's tool</translation>
    </message>
    <message>
      <source>USB 密钥驱动：{path}</source>
      <translation>USB key driver: {path}</translation>
    </message>
    <message>
      <source>format 应为“{f}”</source>
      <translation>format should be "{f}"</translation>
    </message>
    <message>
      <source>loan_reference 应为 1–64 位字母、数字或 ._/-</source>
      <translation>loan_reference must be 1–64 letters, digits or ._/-</translation>
    </message>
    <message>
      <source>min 大于 max</source>
      <translation>min is greater than max</translation>
    </message>
    <message>
      <source>reference（贷款编号）应为不超过 {max} 个字母、数字或 -_.:/# 的文字</source>
      <translation type="obsolete">reference (the loan number) must be at most {max} letters, digits or -_.:/#</translation>
    </message>
    <message>
      <source>{a}–{b}页</source>
      <translation>{a}–{b} pages</translation>
    </message>
    <message>
      <source>{id} 的密码已超过 {days} 天未修改，已过期：请先在柜台登录并修改密码，再使用命令行（命令行不能修改密码）</source>
      <translation>The password of {id} has not been changed for more than {days} days and has expired: log in at the counter and change it first, then use the command line again (the command line cannot change passwords)</translation>
    </message>
    <message>
      <source>{key} 应为 JSON 对象</source>
      <translation>{key} must be a JSON object</translation>
    </message>
    <message>
      <source>{key} 应为 JSON 对象或值</source>
      <translation>{key} must be a JSON object or a value</translation>
    </message>
    <message>
      <source>{key} 应为 JSON 数组</source>
      <translation>{key} must be a JSON array</translation>
    </message>
    <message>
      <source>{key} 应为文字、数字或真假值</source>
      <translation>{key} must be text, a number or true/false</translation>
    </message>
    <message>
      <source>{name} 已登录</source>
      <translation>{name} logged in</translation>
    </message>
    <message>
      <source>{name} 的提交前人脸比对需经办人人工核对（{reason}）。
现场人员与首次核验时是否为同一人？</source>
      <translation>The face check before submission of {name} needs the officer's manual check ({reason}).
Is the person here the same as at the first check?</translation>
    </message>
    <message>
      <source>{name}{holder}　备案编号 {ref}　有效期至 {until}</source>
      <translation>{name}{holder} · Filing no. {ref} · Valid until {until}</translation>
    </message>
    <message>
      <source>{name}{n}页</source>
      <translation>{name}, {n} pages</translation>
    </message>
    <message>
      <source>{name}没有“{perm}”的权限，操作未执行；请联系主管</source>
      <translation>{name} does not have the permission "{perm}"; nothing was done. Please ask a supervisor</translation>
    </message>
    <message>
      <source>{name}的工号已不在本机的操作员名单中，操作未执行；请联系管理员</source>
      <translation>{name} is no longer on this device's operator list; nothing was done. Contact the administrator</translation>
    </message>
    <message>
      <source>{name}的工号已被停用，操作未执行；请联系管理员</source>
      <translation>{name}'s staff ID has been disabled; nothing was done. Contact the administrator</translation>
    </message>
    <message>
      <source>{name}的工号有效期至 {day} 已到期，操作未执行；请联系管理员</source>
      <translation>{name}'s staff ID was valid until {day} and has expired; nothing was done. Contact the administrator</translation>
    </message>
    <message>
      <source>{n} 秒后将结束本次办理并清除您的信息。</source>
      <translation>In {n} seconds this visit ends and your information is cleared.</translation>
    </message>
    <message>
      <source>{n}件</source>
      <translation>{n} items</translation>
    </message>
    <message>
      <source>{n}页</source>
      <translation>{n} pages</translation>
    </message>
    <message>
      <source>{n}页，需检查</source>
      <translation>{n} pages, check needed</translation>
    </message>
    <message>
      <source>{reason}</source>
      <translation type="obsolete">{reason}</translation>
    </message>
    <message>
      <source>{reason}，请重新读卡</source>
      <translation>{reason}; please read the card again</translation>
    </message>
    <message>
      <source>{role}不能是{kind}</source>
      <translation>{role} cannot be {kind}</translation>
    </message>
    <message>
      <source>{role}最多{n}个</source>
      <translation>At most {n} {role}</translation>
    </message>
    <message>
      <source>{role}最多{n}人</source>
      <translation>{role}: at most {n} people</translation>
    </message>
    <message>
      <source>{state}</source>
      <translation type="obsolete">{state}</translation>
    </message>
    <message>
      <source>{step}：{blocker}</source>
      <translation type="obsolete">{step}: {blocker}</translation>
    </message>
    <message>
      <source>{url}（本机编号 {device}）</source>
      <translation>{url} (this device: {device})</translation>
    </message>
    <message>
      <source>{v:.1f} 小时</source>
      <translation>{v:.1f} hours</translation>
    </message>
    <message>
      <source>{value}（由登记机构统一管理）</source>
      <translation>{value} (managed by the registry)</translation>
    </message>
    <message>
      <source>{version}（来源：{source}）</source>
      <translation>{version} (source: {source})</translation>
    </message>
    <message>
      <source>{who}已完成询问并签名</source>
      <translation>{who} has completed the interview and signed</translation>
    </message>
    <message>
      <source>{who}（经办人代表签名）</source>
      <translation>{who} (signed by the officer as representative)</translation>
    </message>
    <message>
      <source>{year}年</source>
      <translation>{year}</translation>
    </message>
    <message>
      <source>{y}年{h}半年</source>
      <translation>{y} {h} half</translation>
    </message>
    <message>
      <source>“{label}”已改为 {now}，条码中的值未填入，请重新核对</source>
      <translation>“{label}” has changed to {now}; the barcode value was not applied, please check again</translation>
    </message>
    <message>
      <source>“{label}”应为是或否</source>
      <translation>"{label}" should be yes or no</translation>
    </message>
    <message>
      <source>“{label}”最多{n}个字</source>
      <translation>"{label}" can have at most {n} characters</translation>
    </message>
    <message>
      <source>“{label}”请从列表中选择</source>
      <translation>Please choose "{label}" from the list</translation>
    </message>
    <message>
      <source>“{name}”不是普通文件（可能是文件夹、设备或管道），请换一个文件</source>
      <translation>“{name}” is not a regular file (it may be a folder, a device or a pipe); choose another file</translation>
    </message>
    <message>
      <source>“{name}”备案（编号 {ref}）已于 {until} 过期，请联系管理员更新备案</source>
      <translation>The filing of “{name}” (no. {ref}) expired on {until}; ask the administrator to renew it</translation>
    </message>
    <message>
      <source>“{name}”尚未生成</source>
      <translation>"{name}" has not been generated yet</translation>
    </message>
    <message>
      <source>“{name}”已过期：申请信息已修改，请先重新生成文书</source>
      <translation>"{name}" is out of date: the application information has changed. Please regenerate the documents first</translation>
    </message>
    <message>
      <source>……等{n}项</source>
      <translation>… ({n} items in all)</translation>
    </message>
    <message>
      <source>。请联系工作人员。</source>
      <translation>. Please ask a member of staff.</translation>
    </message>
    <message>
      <source>一并申请、一并受理的登记：</source>
      <translation>Registrations applied for and accepted together:</translation>
    </message>
    <message>
      <source>一站 · 不动产登记服务点（柜台）</source>
      <translation>Yizhan · Real Estate Registration Service Point (Counter)</translation>
    </message>
    <message>
      <source>一站 · 不动产登记自助服务</source>
      <translation>Yizhan · Real-estate registration self-service</translation>
    </message>
    <message>
      <source>上</source>
      <translation>first</translation>
    </message>
    <message>
      <source>上一题</source>
      <translation>Previous question</translation>
    </message>
    <message>
      <source>上传与办理结果</source>
      <translation>Upload and outcome</translation>
    </message>
    <message>
      <source>上传中</source>
      <translation>Uploading</translation>
    </message>
    <message>
      <source>上传失败，需处理</source>
      <translation>Upload failed, action needed</translation>
    </message>
    <message>
      <source>上传失败：{err}</source>
      <translation>Upload failed: {err}</translation>
    </message>
    <message>
      <source>上传的数据块校验不符，将重新发送</source>
      <translation>An uploaded chunk failed its checksum; it will be sent again</translation>
    </message>
    <message>
      <source>上传队列</source>
      <translation>Upload queue</translation>
    </message>
    <message>
      <source>上传队列、结果、进度查询与操作日志……</source>
      <translation>Upload queue, outcomes, progress query and audit log…</translation>
    </message>
    <message>
      <source>上传队列：无法读取</source>
      <translation>Upload queue: cannot be read</translation>
    </message>
    <message>
      <source>上次尝试：{err}（会自动重试，案件数据完好）</source>
      <translation>Last attempt: {err} (will retry automatically; the case data is intact)</translation>
    </message>
    <message>
      <source>上次登录（{at}）以来登记机构的答复；双击打开案件。</source>
      <translation>Answers of the registry since your last login ({at}); double-click to open the case.</translation>
    </message>
    <message>
      <source>上次错误</source>
      <translation>Last error</translation>
    </message>
    <message>
      <source>下</source>
      <translation>second</translation>
    </message>
    <message>
      <source>下一题</source>
      <translation>Next question</translation>
    </message>
    <message>
      <source>下载的文书“{name}”校验失败，稍后重试</source>
      <translation>The downloaded document "{name}" failed verification. Will retry later</translation>
    </message>
    <message>
      <source>不予受理</source>
      <translation>Not accepted</translation>
    </message>
    <message>
      <source>不予受理告知书</source>
      <translation>Notice of non-acceptance</translation>
    </message>
    <message>
      <source>不予受理，原因：</source>
      <translation>Not accepted. Reason:</translation>
    </message>
    <message>
      <source>不予受理：{reason}</source>
      <translation>Not accepted: {reason}</translation>
    </message>
    <message>
      <source>不动产与申请不一致，请核对后修改申请</source>
      <translation>The property does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>不动产信息</source>
      <translation>Property</translation>
    </message>
    <message>
      <source>不动产单元号</source>
      <translation>Real estate unit number</translation>
    </message>
    <message>
      <source>不动产单元号应为28位，现为{n}位</source>
      <translation>The real estate unit number should have 28 characters; it has {n}</translation>
    </message>
    <message>
      <source>不动产单元号：</source>
      <translation>Property unit number: </translation>
    </message>
    <message>
      <source>不动产变更登记询问笔录</source>
      <translation>Interview Record for Real Estate Change Registration</translation>
    </message>
    <message>
      <source>不动产存在权属争议或已被查封、冻结，不能继续办理</source>
      <translation>The property is under an ownership dispute or has been seized or frozen; the application cannot go on</translation>
    </message>
    <message>
      <source>不动产抵押权变更登记询问笔录</source>
      <translation>Interview Record for Mortgage Change Registration</translation>
    </message>
    <message>
      <source>不动产抵押权注销登记询问笔录</source>
      <translation>Interview Record for Mortgage Cancellation Registration</translation>
    </message>
    <message>
      <source>不动产抵押权首次登记询问笔录</source>
      <translation>Interview Record for First Mortgage Registration</translation>
    </message>
    <message>
      <source>不动产权证书</source>
      <translation>Real estate title certificate</translation>
    </message>
    <message>
      <source>不动产权证书号</source>
      <translation>Real estate title certificate number</translation>
    </message>
    <message>
      <source>不动产登记信息（权利人、权利状况、抵押、查封及异议登记）</source>
      <translation>Registration information (right holders, status of rights, mortgages, seizures and objections)</translation>
    </message>
    <message>
      <source>不动产登记申请书</source>
      <translation>Real Estate Registration Application Form</translation>
    </message>
    <message>
      <source>不动产登记自助服务</source>
      <translation>Real-estate registration self-service</translation>
    </message>
    <message>
      <source>不动产登记自助服务终端</source>
      <translation>Real-estate registration self-service kiosk</translation>
    </message>
    <message>
      <source>不动产登记证明</source>
      <translation>Real estate registration certificate</translation>
    </message>
    <message>
      <source>不动产登记证明号</source>
      <translation>Real estate registration certificate number</translation>
    </message>
    <message>
      <source>不动产登记证明号与申请不一致，请核对后修改申请</source>
      <translation>The registration certificate number does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>不动产登记证明号：{n}</source>
      <translation>Real estate registration certificate number: {n}</translation>
    </message>
    <message>
      <source>不动产转移登记（含抵押登记）询问笔录</source>
      <translation>Interview Record for Real Estate Transfer Registration (with Mortgage Registration)</translation>
    </message>
    <message>
      <source>不支持的导入格式版本“{f}”，本程序支持：{ok}</source>
      <translation>Unsupported import format version "{f}"; this program reads: {ok}</translation>
    </message>
    <message>
      <source>不支持的算法 {enc}/{wrap}</source>
      <translation>Unsupported algorithm {enc}/{wrap}</translation>
    </message>
    <message>
      <source>不是 UTF-8 文本</source>
      <translation type="obsolete">not UTF-8 text</translation>
    </message>
    <message>
      <source>不是 {encoding} 文本</source>
      <translation>not {encoding} text</translation>
    </message>
    <message>
      <source>不是不动产权证书号的格式（如 闽(2021)福州市不动产权第0001234号）</source>
      <translation>Not in the form of a property certificate number (e.g. 闽(2021)福州市不动产权第0001234号)</translation>
    </message>
    <message>
      <source>不是普通文件</source>
      <translation>not a regular file</translation>
    </message>
    <message>
      <source>不涉及</source>
      <translation>Not applicable</translation>
    </message>
    <message>
      <source>不通过</source>
      <translation>Failed</translation>
    </message>
    <message>
      <source>与读卡器的连接中断，请检查连接线后重试</source>
      <translation>The connection to the card reader was lost. Please check the cable and try again</translation>
    </message>
    <message>
      <source>业务“{biz}”没有“{role}”这一角色</source>
      <translation>Business "{biz}" has no role "{role}"</translation>
    </message>
    <message>
      <source>业务“{biz}”没有字段 {key}</source>
      <translation>Business "{biz}" has no field {key}</translation>
    </message>
    <message>
      <source>业务“{biz}”没有材料“{slot}”</source>
      <translation>Business "{biz}" has no material "{slot}"</translation>
    </message>
    <message>
      <source>业务号</source>
      <translation>Business no.</translation>
    </message>
    <message>
      <source>业务号 {id}：请核对人工核对记录和申请材料后作出复核结论。</source>
      <translation>Business {id}: check the manual identity decision and the materials, then decide.</translation>
    </message>
    <message>
      <source>业务号、申请人姓名或证件号码</source>
      <translation>Business number, applicant's name or ID number</translation>
    </message>
    <message>
      <source>业务目录</source>
      <translation>Business catalog</translation>
    </message>
    <message>
      <source>业务目录文件 {file} 有误，位置 {where}：{text}</source>
      <translation>Error in business catalog file {file} at {where}: {text}</translation>
    </message>
    <message>
      <source>业务类型</source>
      <translation>Business type</translation>
    </message>
    <message>
      <source>业务类型“{code}”不在业务目录 {version} 中</source>
      <translation>Business type "{code}" is not in business catalog {version}</translation>
    </message>
    <message>
      <source>业务编号</source>
      <translation>Case number</translation>
    </message>
    <message>
      <source>业务编号：</source>
      <translation>Business number: </translation>
    </message>
    <message>
      <source>业务：</source>
      <translation>Business: </translation>
    </message>
    <message>
      <source>业务：{name}</source>
      <translation>Business: {name}</translation>
    </message>
    <message>
      <source>两次输入的新密码不一致</source>
      <translation>The two new passwords differ</translation>
    </message>
    <message>
      <source>为他人债务提供担保</source>
      <translation>Security for another person's debt</translation>
    </message>
    <message>
      <source>为保护申请人信息，界面已隐藏。请输入密码继续办理，正在办理的案件不会丢失。</source>
      <translation>To protect applicants' data the screen is hidden. Enter your password to continue; the open case is kept.</translation>
    </message>
    <message>
      <source>主体类型</source>
      <translation>Party type</translation>
    </message>
    <message>
      <source>主债权合同</source>
      <translation>Principal loan contract</translation>
    </message>
    <message>
      <source>主债权合同已含抵押条款</source>
      <translation>The principal loan contract already contains mortgage clauses</translation>
    </message>
    <message>
      <source>主债权合同未含抵押条款时提交</source>
      <translation>Submit if the principal loan contract contains no mortgage clauses</translation>
    </message>
    <message>
      <source>主债权合同（续贷或展期）</source>
      <translation>Principal loan contract (renewal or extension)</translation>
    </message>
    <message>
      <source>主债权消灭</source>
      <translation>Principal claim extinguished</translation>
    </message>
    <message>
      <source>主数据更新于 {d}</source>
      <translation>Master data updated on {d}</translation>
    </message>
    <message>
      <source>主管</source>
      <translation>Supervisor</translation>
    </message>
    <message>
      <source>主管 {name}（{sid}）已复核通过：{reason}</source>
      <translation>Approved by supervisor {name} ({sid}): {reason}</translation>
    </message>
    <message>
      <source>主管复核</source>
      <translation>Supervisor approval</translation>
    </message>
    <message>
      <source>主管复核……</source>
      <translation>Supervisor review…</translation>
    </message>
    <message>
      <source>主管密码</source>
      <translation>Supervisor password</translation>
    </message>
    <message>
      <source>主管工号</source>
      <translation>Supervisor staff ID</translation>
    </message>
    <message>
      <source>主管退回：{reason}</source>
      <translation>Returned by the supervisor: {reason}</translation>
    </message>
    <message>
      <source>买卖合同约定的成交价格为 {transfer.price}，是否属实？</source>
      <translation>The transaction price agreed in the sales contract is {transfer.price}. Is this correct?</translation>
    </message>
    <message>
      <source>买卖合同网签备案号</source>
      <translation>Online filing number of the sales contract</translation>
    </message>
    <message>
      <source>人工核对一致</source>
      <translation>Manual check: match</translation>
    </message>
    <message>
      <source>人工核对一致：请选择或填写理由</source>
      <translation>Checked by hand, same person: choose or enter the reason</translation>
    </message>
    <message>
      <source>人工核对不一致</source>
      <translation>Manual check: no match</translation>
    </message>
    <message>
      <source>人工核对不一致：请选择或填写理由</source>
      <translation>Checked by hand, not the same person: choose or enter the reason</translation>
    </message>
    <message>
      <source>人工核对人脸</source>
      <translation>Decide face checks manually</translation>
    </message>
    <message>
      <source>人工核对未记录经办人和理由</source>
      <translation>The manual check does not record the officer and the reason</translation>
    </message>
    <message>
      <source>人工核对须填写理由</source>
      <translation>A manual check needs a reason</translation>
    </message>
    <message>
      <source>人脸图像无法保存，请重新采集</source>
      <translation>The face image could not be saved. Please capture it again</translation>
    </message>
    <message>
      <source>人脸核验</source>
      <translation>Face check</translation>
    </message>
    <message>
      <source>人脸核验未完成</source>
      <translation>The face check was not completed</translation>
    </message>
    <message>
      <source>人脸检测模型可用</source>
      <translation>Face detection model available</translation>
    </message>
    <message>
      <source>人脸采集</source>
      <translation>Face capture</translation>
    </message>
    <message>
      <source>人脸采集完成（清晰度 {s}）</source>
      <translation>Face captured (sharpness {s})</translation>
    </message>
    <message>
      <source>人脸：已采集（清晰度 {s}）</source>
      <translation>Face: captured (sharpness {s})</translation>
    </message>
    <message>
      <source>人证比对不通过</source>
      <translation>Face does not match the ID</translation>
    </message>
    <message>
      <source>人证比对不通过，请重新采集人脸</source>
      <translation>The face does not match the card; capture the face again</translation>
    </message>
    <message>
      <source>人证比对通过</source>
      <translation>Face matches the ID</translation>
    </message>
    <message>
      <source>从日历中选择日期</source>
      <translation>Pick the date from a calendar</translation>
    </message>
    <message>
      <source>从条码识别到的信息（确认后填入）</source>
      <translation>Information read from the barcode (filled in after you confirm)</translation>
    </message>
    <message>
      <source>以下字符在已安装的字体中都没有字形，文档无法正确打印：{chars}。请安装包含这些字符的字体（如花园明朝 fonts-hanazono）后重试，或按证件核对后改用规范字形</source>
      <translation>The following characters have no glyph in any installed font, so the document cannot be printed correctly: {chars}. Please install a font that contains them (e.g. Hanazono Mincho, fonts-hanazono) and try again, or check against the ID document and use the standard character form</translation>
    </message>
    <message>
      <source>份额“{value}”不是有效数字，请填写百分比，如 50</source>
      <translation>Share "{value}" is not a valid number. Please enter a percentage, e.g. 50</translation>
    </message>
    <message>
      <source>份额应大于0且不超过100（%）</source>
      <translation>The share must be greater than 0 and at most 100 (%)</translation>
    </message>
    <message>
      <source>份额最多保留两位小数</source>
      <translation>The share can have at most two decimal places</translation>
    </message>
    <message>
      <source>份额（%），如 50</source>
      <translation>Share (%), e.g. 50</translation>
    </message>
    <message>
      <source>住址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>住址：{value}</source>
      <translation>Address: {value}</translation>
    </message>
    <message>
      <source>住宅</source>
      <translation>Residential</translation>
    </message>
    <message>
      <source>保存授权书内容</source>
      <translation>Save the letter's terms</translation>
    </message>
    <message>
      <source>保存草稿</source>
      <translation>Save draft</translation>
    </message>
    <message>
      <source>信息完整，可以提交</source>
      <translation type="obsolete">Information complete, ready to submit</translation>
    </message>
    <message>
      <source>信息完整，可以提交。</source>
      <translation>Information complete, ready to submit.</translation>
    </message>
    <message>
      <source>修改密码</source>
      <translation>Change password</translation>
    </message>
    <message>
      <source>修改密码……</source>
      <translation>Change password…</translation>
    </message>
    <message>
      <source>借新还旧（抵押权注销及首次登记）</source>
      <translation>Refinancing (mortgage cancellation and first registration)</translation>
    </message>
    <message>
      <source>债务人</source>
      <translation>Debtor</translation>
    </message>
    <message>
      <source>债务人同抵押人</source>
      <translation>Debtor same as mortgagor</translation>
    </message>
    <message>
      <source>债务人已与抵押人一致</source>
      <translation>The debtors already match the mortgagors</translation>
    </message>
    <message>
      <source>债务履行期限与申请不一致，请核对合同后修改申请</source>
      <translation>The debt term does not match the application; check the contract and correct the application</translation>
    </message>
    <message>
      <source>债务履行期限变更</source>
      <translation>Change of debt term</translation>
    </message>
    <message>
      <source>债务履行期限的止日不能早于起日</source>
      <translation>The end date of the debt term cannot be earlier than the start date</translation>
    </message>
    <message>
      <source>债务履行期限（最高额抵押为债权确定期间）为 {mortgage.debt_from} 至 {mortgage.debt_to}，是否属实？</source>
      <translation>The debt performance term (for a maximum-amount mortgage, the claim determination period) is {mortgage.debt_from} to {mortgage.debt_to}. Is this correct?</translation>
    </message>
    <message>
      <source>债务履行期限（止）</source>
      <translation>Debt term (end)</translation>
    </message>
    <message>
      <source>债务履行期限（起）</source>
      <translation>Debt term (start)</translation>
    </message>
    <message>
      <source>债权数额变更</source>
      <translation>Change of claim amount</translation>
    </message>
    <message>
      <source>停止</source>
      <translation>Stop</translation>
    </message>
    <message>
      <source>光线太亮</source>
      <translation>Too bright</translation>
    </message>
    <message>
      <source>光线太暗</source>
      <translation>Too dark</translation>
    </message>
    <message>
      <source>全部业务</source>
      <translation>All businesses</translation>
    </message>
    <message>
      <source>全部操作</source>
      <translation>All actions</translation>
    </message>
    <message>
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>公安机关出具的姓名变更证明</source>
      <translation>Name change certificate issued by the public security authority</translation>
    </message>
    <message>
      <source>公安机关出具的身份证号码变更证明</source>
      <translation>ID number change certificate issued by the public security authority</translation>
    </message>
    <message>
      <source>公积金贷款</source>
      <translation>Housing provident fund loan</translation>
    </message>
    <message>
      <source>共 {n} 件</source>
      <translation>Cases: {n}</translation>
    </message>
    <message>
      <source>共 {n} 题，已全部回答</source>
      <translation>All {n} questions answered</translation>
    </message>
    <message>
      <source>共{n}批，逾期{m}批</source>
      <translation>{n} batches, {m} overdue</translation>
    </message>
    <message>
      <source>共同共有</source>
      <translation>Joint ownership</translation>
    </message>
    <message>
      <source>共同申请</source>
      <translation>Joint application</translation>
    </message>
    <message>
      <source>共同申请或抵押权人单方申请时提交</source>
      <translation>Submit for a joint application or an application by the mortgagee alone</translation>
    </message>
    <message>
      <source>共有人之间对处分该不动产是否另有约定？</source>
      <translation>Have the co-owners agreed otherwise on the disposal of this real estate?</translation>
    </message>
    <message>
      <source>共有份额</source>
      <translation>Co-ownership share</translation>
    </message>
    <message>
      <source>关机</source>
      <translation>Shut down</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>其他</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>其他理由（请填写）</source>
      <translation>Other reason (enter it)</translation>
    </message>
    <message>
      <source>再次人脸核验</source>
      <translation>Second face check</translation>
    </message>
    <message>
      <source>再次输入新密码</source>
      <translation>New password again</translation>
    </message>
    <message>
      <source>再试一次</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>凭条打印机未连接{detail}</source>
      <translation>The receipt printer is not connected{detail}</translation>
    </message>
    <message>
      <source>凭条打印机缺纸</source>
      <translation>The receipt printer is out of paper</translation>
    </message>
    <message>
      <source>出生</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>出生年份：{value}</source>
      <translation>Year of birth: {value}</translation>
    </message>
    <message>
      <source>出生日期 {date} 不在合理范围内</source>
      <translation>Date of birth {date} is not within a plausible range</translation>
    </message>
    <message>
      <source>出生日期 {date} 不存在</source>
      <translation>Date of birth {date} does not exist</translation>
    </message>
    <message>
      <source>切换操作员</source>
      <translation>Switch operator</translation>
    </message>
    <message>
      <source>列表过长（最多 {max} 项）</source>
      <translation>List too long (at most {max} items)</translation>
    </message>
    <message>
      <source>创建</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>删除此当事人</source>
      <translation>Remove this party</translation>
    </message>
    <message>
      <source>删除草稿</source>
      <translation>Delete draft</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>刷身份证，确认不动产</source>
      <translation>Tap your ID card, confirm the property</translation>
    </message>
    <message>
      <source>剩余字节</source>
      <translation>Bytes remaining</translation>
    </message>
    <message>
      <source>办事指南</source>
      <translation>Service guide</translation>
    </message>
    <message>
      <source>办公</source>
      <translation>Office</translation>
    </message>
    <message>
      <source>办理时限：</source>
      <translation>Time limit: </translation>
    </message>
    <message>
      <source>办理步骤：</source>
      <translation>Steps: </translation>
    </message>
    <message>
      <source>办理结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>办理补正</source>
      <translation>Handling a correction</translation>
    </message>
    <message>
      <source>办理进度查询</source>
      <translation>Check case progress</translation>
    </message>
    <message>
      <source>办结后本机数据保留（天）</source>
      <translation>Local data kept after completion (days)</translation>
    </message>
    <message>
      <source>加盖本行电子印章（USB 密钥）</source>
      <translation>Apply the bank's electronic seal (USB key)</translation>
    </message>
    <message>
      <source>区划</source>
      <translation>Regions</translation>
    </message>
    <message>
      <source>协议自检通过（模拟读卡器，{card}）</source>
      <translation>Protocol self-test passed (simulated reader, {card})</translation>
    </message>
    <message>
      <source>单独所有</source>
      <translation>Sole ownership</translation>
    </message>
    <message>
      <source>印章单位</source>
      <translation>Seal holder</translation>
    </message>
    <message>
      <source>印章图片 {path} 须为不超过 2 MB 的 PNG 或 JPEG</source>
      <translation>The seal image {path} must be a PNG or JPEG of at most 2 MB</translation>
    </message>
    <message>
      <source>原件</source>
      <translation>Original</translation>
    </message>
    <message>
      <source>原债务结清证明</source>
      <translation>Proof of settlement of the original debt</translation>
    </message>
    <message>
      <source>原密码</source>
      <translation>Current password</translation>
    </message>
    <message>
      <source>原抵押不动产登记证明</source>
      <translation>Original mortgage real estate registration certificate</translation>
    </message>
    <message>
      <source>原抵押不动产登记证明号</source>
      <translation>Original mortgage real estate registration certificate number</translation>
    </message>
    <message>
      <source>原抵押权人</source>
      <translation>Original mortgagee</translation>
    </message>
    <message>
      <source>原抵押权人不同意带押转让，不能继续办理</source>
      <translation>The original mortgagee does not agree to a transfer with the mortgage; the application cannot go on</translation>
    </message>
    <message>
      <source>原抵押权人同意带押转让的材料</source>
      <translation>Original mortgagee's consent to transfer with the mortgage in place</translation>
    </message>
    <message>
      <source>原抵押权注销登记</source>
      <translation>Cancellation of the old mortgage</translation>
    </message>
    <message>
      <source>原抵押权的不动产登记证明号为 {change.registration_certificate}，是否属实？</source>
      <translation>The real estate registration certificate number of the original mortgage is {change.registration_certificate}. Is this correct?</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>受理凭证</source>
      <translation>Acceptance receipt</translation>
    </message>
    <message>
      <source>受理号</source>
      <translation>Receipt no.</translation>
    </message>
    <message>
      <source>受理号 {n}</source>
      <translation>Receipt number {n}</translation>
    </message>
    <message>
      <source>受理号：&lt;b&gt;{n}&lt;/b&gt;</source>
      <translation>Receipt number: &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
      <source>受让方（权利人、抵押人）</source>
      <translation>Transferee (right holder, mortgagor)</translation>
    </message>
    <message>
      <source>受阻</source>
      <translation>Blocked</translation>
    </message>
    <message>
      <source>变更事项</source>
      <translation>Change item</translation>
    </message>
    <message>
      <source>变更事项与申请不一致，请核对后修改申请</source>
      <translation>The matters to change do not match the application; check them and correct the application</translation>
    </message>
    <message>
      <source>变更信息</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>变更内容与申请不一致，请核对后修改申请</source>
      <translation>The changes do not match the application; check them and correct the application</translation>
    </message>
    <message>
      <source>变更后坐落</source>
      <translation>New location</translation>
    </message>
    <message>
      <source>变更后姓名</source>
      <translation>New name</translation>
    </message>
    <message>
      <source>变更后身份证号码</source>
      <translation>New ID card number</translation>
    </message>
    <message>
      <source>变更后面积（平方米）</source>
      <translation>New area (m²)</translation>
    </message>
    <message>
      <source>变更如对后顺位抵押权人等利害关系人产生不利影响，是否已取得其书面同意？</source>
      <translation>If the change adversely affects interested parties such as later-ranking mortgagees, has their written consent been obtained?</translation>
    </message>
    <message>
      <source>变更登记（姓名、证件号、坐落、面积）</source>
      <translation>Change registration (name, ID number, location, area)</translation>
    </message>
    <message>
      <source>只有上传失败的数据包可以重试或清除</source>
      <translation>Only a packet whose upload failed can be retried or cleared</translation>
    </message>
    <message>
      <source>只有需补正的案件可以重新打开</source>
      <translation>Only a case the registry asked to correct can be reopened</translation>
    </message>
    <message>
      <source>可凭身份证在本机查询办理进度，领证时请带上身份证。</source>
      <translation>You can check the progress here with your ID card; bring your ID card to collect the certificate.</translation>
    </message>
    <message>
      <source>可凭身份证或业务编号在自助机查询进度。</source>
      <translation>Check progress at the kiosk with your ID card or business number.</translation>
    </message>
    <message>
      <source>可打开贷款系统导出的数据文件，或贷款审批单的照片、扫描件；也可以把文件直接拖到柜台窗口上。</source>
      <translation>Open a data file exported by the loan system, or a photo or scan of the loan approval sheet; you can also drop the file on the counter window.</translation>
    </message>
    <message>
      <source>可由系统生成；如有已签字的纸质件，也可在此采集</source>
      <translation>Can be generated by the system; if you have a signed paper copy, you can also capture it here</translation>
    </message>
    <message>
      <source>右转</source>
      <translation>Rotate right</translation>
    </message>
    <message>
      <source>各步骤均已完成，可以提交</source>
      <translation>Every step is done; the case can be submitted</translation>
    </message>
    <message>
      <source>同意将最高额抵押权设立前已存在的债权转入担保范围的书面材料</source>
      <translation>Written consent to bring claims existing before the maximum-amount mortgage was created into the secured scope</translation>
    </message>
    <message>
      <source>同步中</source>
      <translation>Syncing</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>name</translation>
    </message>
    <message>
      <source>名称/姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>名称“{name}”与文件名不一致</source>
      <translation>The name "{name}" does not match the file name</translation>
    </message>
    <message>
      <source>向申请人说明不予受理的原因</source>
      <translation>Explain the reasons for non-acceptance to the applicant</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
    <message>
      <source>含有控制字符或不可见的格式字符，请删除后重新导出</source>
      <translation>contains control or invisible format characters; remove them and export again</translation>
    </message>
    <message>
      <source>含有非 ASCII 字符</source>
      <translation type="obsolete">contains non-ASCII characters</translation>
    </message>
    <message>
      <source>商业</source>
      <translation>Commercial</translation>
    </message>
    <message>
      <source>商业贷款</source>
      <translation>Commercial loan</translation>
    </message>
    <message>
      <source>商品房预售合同备案号</source>
      <translation>Filing number of the commodity housing pre-sale contract</translation>
    </message>
    <message>
      <source>商品房预售合同备案号为 {advance.presale_contract_number}，是否属实？</source>
      <translation>The filing number of the commodity housing pre-sale contract is {advance.presale_contract_number}. Is this correct?</translation>
    </message>
    <message>
      <source>回执</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <source>回执已打印，请取走。</source>
      <translation>Your receipt has been printed; please take it.</translation>
    </message>
    <message>
      <source>回答最多{n}个字，请精简</source>
      <translation>Answers can have at most {n} characters. Please shorten it</translation>
    </message>
    <message>
      <source>回答询问并签名</source>
      <translation>Answer the questions and sign</translation>
    </message>
    <message>
      <source>国有建设用地使用权及房屋所有权转移登记</source>
      <translation>Transfer of land use right and building ownership</translation>
    </message>
    <message>
      <source>图片“{name}”的像素过多（上限 {mp} 百万像素），请降低扫描分辨率后重试</source>
      <translation>The image "{name}" has too many pixels (limit {mp} megapixels). Lower the scan resolution and try again</translation>
    </message>
    <message>
      <source>图片中没有找到贷款审批单的二维码</source>
      <translation>No loan approval sheet QR code found in the image</translation>
    </message>
    <message>
      <source>在建建筑物抵押</source>
      <translation>Mortgage of a building under construction</translation>
    </message>
    <message>
      <source>在建建筑物抵押时提交</source>
      <translation>Submit for a mortgage of a building under construction</translation>
    </message>
    <message>
      <source>在线</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>地名或门牌变更证明</source>
      <translation>Certificate of place name or house number change</translation>
    </message>
    <message>
      <source>坐落</source>
      <translation>Location</translation>
    </message>
    <message>
      <source>坐落变更登记</source>
      <translation>Location change registration</translation>
    </message>
    <message>
      <source>填入</source>
      <translation>Fill in</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Remarks</translation>
    </message>
    <message>
      <source>复印件</source>
      <translation>Copy</translation>
    </message>
    <message>
      <source>复核</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>复核人不能提交自己复核的案件，请由经办人提交</source>
      <translation>The approver cannot submit a case they approved; the handling officer submits it</translation>
    </message>
    <message>
      <source>复核人不能是本案经办人</source>
      <translation type="obsolete">The approver cannot be the officer who handled the case</translation>
    </message>
    <message>
      <source>复核人不能是本案经办人、提请复核的人或人工核对身份的人</source>
      <translation>The approver cannot be the case's officer, whoever asked for approval, or whoever checked an identity by hand</translation>
    </message>
    <message>
      <source>复核人不能是本案经办人或提请复核的人</source>
      <translation type="obsolete">The approver cannot be the case's officer or whoever asked for the approval</translation>
    </message>
    <message>
      <source>复核结论</source>
      <translation>Decision</translation>
    </message>
    <message>
      <source>复核须选择结论并填写理由</source>
      <translation>An approval needs a decision and a reason</translation>
    </message>
    <message>
      <source>外国人永久居留身份证（2017版）</source>
      <translation>Foreign Permanent Resident ID Card (2017 edition)</translation>
    </message>
    <message>
      <source>外国人永久居留身份证（2023版）</source>
      <translation>Foreign Permanent Resident ID Card (2023 edition)</translation>
    </message>
    <message>
      <source>大字模式</source>
      <translation>Large text</translation>
    </message>
    <message>
      <source>大小</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>如何处理</source>
      <translation>What to do</translation>
    </message>
    <message>
      <source>如回答有误，可返回上一题更正；否则本业务不能继续办理。</source>
      <translation>If an answer was a mistake, go back and correct it; otherwise this application cannot go on.</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>姓名变更登记</source>
      <translation>Name change registration</translation>
    </message>
    <message>
      <source>姓名：{value}</source>
      <translation>Name: {value}</translation>
    </message>
    <message>
      <source>委托事项</source>
      <translation>Matters entrusted</translation>
    </message>
    <message>
      <source>委托日期</source>
      <translation>Date of the letter</translation>
    </message>
    <message>
      <source>委托时限应在委托日期之后，且不超过{n}日</source>
      <translation>The time limit must come after the date of the letter and be at most {n} days</translation>
    </message>
    <message>
      <source>委托时限至</source>
      <translation>Valid until</translation>
    </message>
    <message>
      <source>字段 {key} 出现了多次</source>
      <translation>The field {key} appears more than once</translation>
    </message>
    <message>
      <source>字段名过长（{n} 字，最多 {max} 字）</source>
      <translation>Field name too long ({n} characters, at most {max})</translation>
    </message>
    <message>
      <source>字段过多（最多 {max} 个）</source>
      <translation>Too many fields (at most {max})</translation>
    </message>
    <message>
      <source>安装调试模式：本机尚无操作员账号（同步后须登录）</source>
      <translation>Setup mode: no operator accounts on this device yet (login required after sync)</translation>
    </message>
    <message>
      <source>完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>完税或减免税凭证</source>
      <translation>Tax payment or tax exemption receipt</translation>
    </message>
    <message>
      <source>宗地顺序号不能为00000</source>
      <translation>The parcel sequence number cannot be 00000</translation>
    </message>
    <message>
      <source>定着物类型为W（无定着物）时，第21至28位应为00000000</source>
      <translation>When the fixture type is W (no fixture), characters 21 to 28 must be 00000000</translation>
    </message>
    <message>
      <source>审计日志与服务器确认过的不一致：被改写，或回滚后又继续记录</source>
      <translation>The audit log differs from what the server confirmed: rewritten, or rolled back and continued</translation>
    </message>
    <message>
      <source>审计日志倒退了：数据库被回滚到旧副本，或末尾的记录被删除</source>
      <translation>The audit log went backwards: the database was rolled back to an older copy, or its newest rows were removed</translation>
    </message>
    <message>
      <source>审计日志开头不足一年的记录被删除（正常清理只删一年以上的）</source>
      <translation>Rows younger than a year were removed from the start of the audit log (the normal purge removes only rows older than a year)</translation>
    </message>
    <message>
      <source>审计记录保留（天）</source>
      <translation>Audit records kept (days)</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>密码套件</source>
      <translation>Crypto suite</translation>
    </message>
    <message>
      <source>密码已修改</source>
      <translation>Password changed</translation>
    </message>
    <message>
      <source>密码已过期，请设置新密码</source>
      <translation>Your password has expired; set a new one</translation>
    </message>
    <message>
      <source>密码有效期（天）</source>
      <translation>Password validity (days)</translation>
    </message>
    <message>
      <source>密码连续错误 {n} 次，账号已锁定 {m} 分钟</source>
      <translation>{n} wrong passwords in a row: the account is locked for {m} minutes</translation>
    </message>
    <message>
      <source>密码错误</source>
      <translation>Wrong PIN</translation>
    </message>
    <message>
      <source>密码错误次数过多，账号已锁定至 {until}，请稍后再试或联系主管</source>
      <translation>Too many wrong passwords: the account is locked until {until}. Try later or ask a supervisor</translation>
    </message>
    <message>
      <source>密码错误锁定次数</source>
      <translation>Wrong passwords before lock-out</translation>
    </message>
    <message>
      <source>密钥</source>
      <translation>Key</translation>
    </message>
    <message>
      <source>密钥文件 {path} 不是普通文件（可能是文件夹、设备或管道），数据库未作改动；请从备份恢复密钥文件</source>
      <translation>The key file {path} is not a regular file (it may be a folder, a device or a pipe); the database was not changed. Restore the key file from a backup</translation>
    </message>
    <message>
      <source>密钥文件 {path} 已损坏，数据库未作改动；请从备份恢复密钥文件</source>
      <translation>Key file {path} is damaged; the database was not changed. Please restore the key file from a backup</translation>
    </message>
    <message>
      <source>密钥文件 {path} 权限过宽（{mode}），请改为仅本人可读（chmod 600）</source>
      <translation>Key file {path} has too broad permissions ({mode}). Please make it readable by the owner only (chmod 600)</translation>
    </message>
    <message>
      <source>密钥文件 {path} 长度不对，数据库未作改动</source>
      <translation>Key file {path} has the wrong length; the database was not changed</translation>
    </message>
    <message>
      <source>导入失败：{err}</source>
      <translation>Import failed: {err}</translation>
    </message>
    <message>
      <source>导入数据有{n}处错误</source>
      <translation>The imported data has {n} errors</translation>
    </message>
    <message>
      <source>导入数据的抵押权人不是本网点所属银行（{bank}），未导入</source>
      <translation>The mortgagee in the import is not this desk's bank ({bank}); nothing imported</translation>
    </message>
    <message>
      <source>导入文件</source>
      <translation>Import file</translation>
    </message>
    <message>
      <source>导入文件不是有效的 JSON：{err}</source>
      <translation>The import file is not valid JSON: {err}</translation>
    </message>
    <message>
      <source>导入文件嵌套过深</source>
      <translation>The import file is nested too deeply</translation>
    </message>
    <message>
      <source>导入文件应为 JSON 对象</source>
      <translation>The import file should be a JSON object</translation>
    </message>
    <message>
      <source>导入文件过大（{kb} KB，最多 {max} KB）</source>
      <translation>The import file is too large ({kb} KB, at most {max} KB)</translation>
    </message>
    <message>
      <source>导入贷款</source>
      <translation>Import loan</translation>
    </message>
    <message>
      <source>导入贷款数据</source>
      <translation>Import loan data</translation>
    </message>
    <message>
      <source>导入贷款数据……</source>
      <translation>Import loan data…</translation>
    </message>
    <message>
      <source>导出半年报表</source>
      <translation>Export the half-year report</translation>
    </message>
    <message>
      <source>导出半年报表……</source>
      <translation>Export half-year report…</translation>
    </message>
    <message>
      <source>导出操作日志</source>
      <translation>Export the audit log</translation>
    </message>
    <message>
      <source>导出（签名）……</source>
      <translation>Export (signed)…</translation>
    </message>
    <message>
      <source>将已存在债权转入最高额抵押担保范围时提交</source>
      <translation>Submit when bringing existing claims into the scope secured by the maximum-amount mortgage</translation>
    </message>
    <message>
      <source>将自动重试</source>
      <translation>Will retry automatically</translation>
    </message>
    <message>
      <source>尚不能提交：</source>
      <translation>Cannot submit yet: </translation>
    </message>
    <message>
      <source>尚不能提交：{items}</source>
      <translation>Cannot submit yet: {items}</translation>
    </message>
    <message>
      <source>尚无有效的访问令牌：请管理员先运行“yizhan integration token --new”</source>
      <translation>No valid access token yet: an administrator must first run "yizhan integration token --new"</translation>
    </message>
    <message>
      <source>尚无案件。点击“新建案件”开始办理，或由运维人员用“yizhan case import”导入银行系统的案件数据。</source>
      <translation>No cases yet. Click "New case" to start, or ask the operations staff to import case data from the bank system with "yizhan case import".</translation>
    </message>
    <message>
      <source>尚无访问令牌</source>
      <translation>No access token yet</translation>
    </message>
    <message>
      <source>尚未完整：</source>
      <translation type="obsolete">Incomplete: </translation>
    </message>
    <message>
      <source>尚未提交。</source>
      <translation>Not submitted yet.</translation>
    </message>
    <message>
      <source>尚未移交纸质原件的案件</source>
      <translation>Cases whose paper originals have not been handed over</translation>
    </message>
    <message>
      <source>尚未读卡、尚未采集人脸</source>
      <translation>ID card not read, face not captured</translation>
    </message>
    <message>
      <source>尚未读卡及采集人脸</source>
      <translation>ID card not read and face not captured yet</translation>
    </message>
    <message>
      <source>尚未读取身份证</source>
      <translation>ID card not read yet</translation>
    </message>
    <message>
      <source>尚未采集人脸</source>
      <translation>Face not captured yet</translation>
    </message>
    <message>
      <source>就绪</source>
      <translation>Ready</translation>
    </message>
    <message>
      <source>居民身份证</source>
      <translation>Resident ID card</translation>
    </message>
    <message>
      <source>屏幕已锁定</source>
      <translation>Screen locked</translation>
    </message>
    <message>
      <source>嵌套层数超过 {n} 层</source>
      <translation>Nested more than {n} levels deep</translation>
    </message>
    <message>
      <source>工业</source>
      <translation>Industrial</translation>
    </message>
    <message>
      <source>工作台</source>
      <translation>Desk</translation>
    </message>
    <message>
      <source>工号</source>
      <translation>Staff ID</translation>
    </message>
    <message>
      <source>工号或姓名</source>
      <translation>Staff ID or name</translation>
    </message>
    <message>
      <source>工号或密码不正确</source>
      <translation>Wrong staff ID or password</translation>
    </message>
    <message>
      <source>工号或密码不正确（再错 {left} 次将锁定账号）</source>
      <translation>Wrong staff ID or password ({left} more and the account is locked)</translation>
    </message>
    <message>
      <source>左转</source>
      <translation>Rotate left</translation>
    </message>
    <message>
      <source>已上传，待确认</source>
      <translation>Uploaded, awaiting confirmation</translation>
    </message>
    <message>
      <source>已于 {at} 提交（状态：{state}），不能再修改。</source>
      <translation type="obsolete">Submitted at {at} (status: {state}); it can no longer be changed.</translation>
    </message>
    <message>
      <source>已保存 {id}</source>
      <translation>Saved {id}</translation>
    </message>
    <message>
      <source>已创建移交批次 {id}，请于 {d} 前移交</source>
      <translation>Hand-over batch {id} created. Please hand it over by {d}</translation>
    </message>
    <message>
      <source>已删除 {id}</source>
      <translation>Deleted {id}</translation>
    </message>
    <message>
      <source>已加盖电子印章</source>
      <translation>electronic seal applied</translation>
    </message>
    <message>
      <source>已发生债权数额不能超过最高债权额</source>
      <translation>The amount of claims already incurred cannot exceed the maximum claim amount</translation>
    </message>
    <message>
      <source>已发生债权数额（元，可不填）</source>
      <translation>Claims already incurred (CNY, optional)</translation>
    </message>
    <message>
      <source>已发证明</source>
      <translation>Certificate issued</translation>
    </message>
    <message>
      <source>已发送打印 {n} 页</source>
      <translation>Sent {n} pages to the printer</translation>
    </message>
    <message>
      <source>已取得</source>
      <translation>Obtained</translation>
    </message>
    <message>
      <source>已受理</source>
      <translation>Accepted</translation>
    </message>
    <message>
      <source>已吊销</source>
      <translation>revoked</translation>
    </message>
    <message>
      <source>已同步操作员名单，请登录。</source>
      <translation>The operator list has arrived; please log in.</translation>
    </message>
    <message>
      <source>已填入{label}</source>
      <translation>{label} filled in</translation>
    </message>
    <message>
      <source>已备案的商品房预售合同</source>
      <translation>Filed commodity housing pre-sale contract</translation>
    </message>
    <message>
      <source>已存在债权转入担保范围</source>
      <translation>Existing claims brought into the secured scope</translation>
    </message>
    <message>
      <source>已存在债权转入担保范围的情况与申请填写不一致，请核对后修改申请</source>
      <translation>Whether existing claims are brought into the secured scope does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>已完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>已完成并签名</source>
      <translation>Completed and signed</translation>
    </message>
    <message>
      <source>已导入贷款数据，新建草稿 {id}</source>
      <translation>Loan data imported as new draft {id}</translation>
    </message>
    <message>
      <source>已导出 {n} 条操作日志及签名：{path}</source>
      <translation>Exported {n} audit rows with signature: {path}</translation>
    </message>
    <message>
      <source>已导出半年报表：{path}</source>
      <translation>Half-year report exported: {path}</translation>
    </message>
    <message>
      <source>已找到证件</source>
      <translation>Card found</translation>
    </message>
    <message>
      <source>已找到页面边框，保持不动即自动拍摄</source>
      <translation>Page border found. Hold still and the photo will be taken automatically</translation>
    </message>
    <message>
      <source>已拍摄材料：{n} 页</source>
      <translation>Pages captured: {n}</translation>
    </message>
    <message>
      <source>已提交申请</source>
      <translation>Application submitted</translation>
    </message>
    <message>
      <source>已提交的案件不能删除</source>
      <translation>Submitted cases cannot be deleted</translation>
    </message>
    <message>
      <source>已提交，待上传</source>
      <translation>Submitted, waiting for upload</translation>
    </message>
    <message>
      <source>已提交，等待上传</source>
      <translation>Submitted, waiting to be uploaded</translation>
    </message>
    <message>
      <source>已提交：数据包 {pid} 已加密签名并进入上传队列，网络可用时自动上传。</source>
      <translation>Submitted: packet {pid} has been encrypted, signed and queued for upload. It will be uploaded automatically when the network is available.</translation>
    </message>
    <message>
      <source>已提请主管复核，复核通过后才能提交；等待期间案件不能修改。</source>
      <translation>Sent for supervisor approval; it can be submitted once approved and cannot be changed meanwhile.</translation>
    </message>
    <message>
      <source>已提请复核，等待主管审核</source>
      <translation>Sent for approval, waiting for a supervisor</translation>
    </message>
    <message>
      <source>已有 {days} 天未与登记服务器同步成功（上限 {max} 天），暂停新的提交；已有数据完好。请恢复网络后同步</source>
      <translation>No successful sync with the registration server for {days} days (limit {max} days). New submissions are paused; existing data is intact. Please restore the network connection and sync</translation>
    </message>
    <message>
      <source>已标记为待提交 {id}</source>
      <translation>Marked ready to submit: {id}</translation>
    </message>
    <message>
      <source>已添加{n}位债务人（同抵押人）</source>
      <translation>Added {n} debtor(s) (same as the mortgagor)</translation>
    </message>
    <message>
      <source>已生成</source>
      <translation>Generated</translation>
    </message>
    <message>
      <source>已生成{n}份文书并加盖电子印章，已存入加密库</source>
      <translation>{n} documents generated, sealed and kept in the encrypted store</translation>
    </message>
    <message>
      <source>已生成{n}份文书，已存入加密库</source>
      <translation>{n} documents generated and stored in the encrypted store</translation>
    </message>
    <message>
      <source>已由主管清除</source>
      <translation>Cleared by a supervisor</translation>
    </message>
    <message>
      <source>已登簿</source>
      <translation>Entered in the register</translation>
    </message>
    <message>
      <source>已确认的审计记录被改写</source>
      <translation>An audit row the server had confirmed was rewritten</translation>
    </message>
    <message>
      <source>已移交</source>
      <translation>Handed over</translation>
    </message>
    <message>
      <source>已答完，待签名</source>
      <translation>Answered, awaiting signature</translation>
    </message>
    <message>
      <source>已终止</source>
      <translation>Stopped</translation>
    </message>
    <message>
      <source>已读卡，待采集人脸</source>
      <translation>ID card read, face not yet captured</translation>
    </message>
    <message>
      <source>已过期</source>
      <translation>Expired</translation>
    </message>
    <message>
      <source>已过期，请联系管理员更新备案</source>
      <translation>Expired. Please contact the administrator to update the filing</translation>
    </message>
    <message>
      <source>已送达 {d} 条，写入投递目录 {f} 条，未送达 {n} 条；待送达共 {p} 条</source>
      <translation>{d} delivered, {f} written to the drop folder, {n} not delivered; {p} pending in all</translation>
    </message>
    <message>
      <source>已送达登记机构</source>
      <translation>Delivered to the registry</translation>
    </message>
    <message>
      <source>已通过</source>
      <translation>Passed</translation>
    </message>
    <message>
      <source>已逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>已重新排队上传：{pid}</source>
      <translation>Queued for upload again: {pid}</translation>
    </message>
    <message>
      <source>已锁定</source>
      <translation>locked</translation>
    </message>
    <message>
      <source>币种</source>
      <translation>Currency</translation>
    </message>
    <message>
      <source>带押过户时提交</source>
      <translation>Submit for a transfer with the mortgage in place</translation>
    </message>
    <message>
      <source>带押过户（原抵押继续存在）</source>
      <translation>Transfer with mortgage in place (original mortgage continues)</translation>
    </message>
    <message>
      <source>平板（单页）</source>
      <translation>Flatbed (single page)</translation>
    </message>
    <message>
      <source>序号</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>应申请人要求核对信息</source>
      <translation>Checking data at the applicant's request</translation>
    </message>
    <message>
      <source>延期续贷</source>
      <translation>Loan renewal</translation>
    </message>
    <message>
      <source>建设工程规划许可证</source>
      <translation>Construction project planning permit</translation>
    </message>
    <message>
      <source>开发企业（预售人）</source>
      <translation>Developer (pre-seller)</translation>
    </message>
    <message>
      <source>开始询问</source>
      <translation>Start interview</translation>
    </message>
    <message>
      <source>异常</source>
      <translation>Error</translation>
    </message>
    <message>
      <source>引用银行备案材料</source>
      <translation>Use the bank's filed materials</translation>
    </message>
    <message>
      <source>当事人 {name} 尚未完成身份核验（读卡及人脸采集）</source>
      <translation type="obsolete">Party {name} has not completed identity verification (card reading and face capture)</translation>
    </message>
    <message>
      <source>当事人 {name} 身份核验未通过，请重新核验或人工复核</source>
      <translation type="obsolete">Identity verification failed for party {name}. Please verify again or review manually</translation>
    </message>
    <message>
      <source>当事人{n}尚未完成询问笔录签名</source>
      <translation>Party {n} has not signed the interview record yet</translation>
    </message>
    <message>
      <source>当事人应为 JSON 对象</source>
      <translation>A party should be a JSON object</translation>
    </message>
    <message>
      <source>当事人没有字段 {key}</source>
      <translation>Party has no field {key}</translation>
    </message>
    <message>
      <source>当事人过多（最多 {max} 个）</source>
      <translation>Too many parties (at most {max})</translation>
    </message>
    <message>
      <source>当事人：{parties}</source>
      <translation>Parties: {parties}</translation>
    </message>
    <message>
      <source>当前为空</source>
      <translation>currently empty</translation>
    </message>
    <message>
      <source>当前阶段</source>
      <translation>Current stage</translation>
    </message>
    <message>
      <source>当前：{current}</source>
      <translation>current: {current}</translation>
    </message>
    <message>
      <source>待上传</source>
      <translation>Waiting for upload</translation>
    </message>
    <message>
      <source>待上传 {n} 件，剩余 {size}</source>
      <translation>{n} waiting for upload, {size} remaining</translation>
    </message>
    <message>
      <source>待上传的数据包已有 {n} 个（上限 {max}），暂停新的提交；已有数据完好。请检查网络并同步</source>
      <translation>There are already {n} packets waiting for upload (limit {max}). New submissions are paused; existing data is intact. Please check the network and sync</translation>
    </message>
    <message>
      <source>待上传：{n}</source>
      <translation>Waiting to upload: {n}</translation>
    </message>
    <message>
      <source>待主管复核</source>
      <translation>Awaiting approval</translation>
    </message>
    <message>
      <source>待提交</source>
      <translation>Ready to submit</translation>
    </message>
    <message>
      <source>待服务端比对</source>
      <translation>Awaiting server comparison</translation>
    </message>
    <message>
      <source>待比对</source>
      <translation>Awaiting comparison</translation>
    </message>
    <message>
      <source>待移交</source>
      <translation>Awaiting hand-over</translation>
    </message>
    <message>
      <source>待经办人手写签名</source>
      <translation>to be signed by hand by the officer</translation>
    </message>
    <message>
      <source>很好，请保持</source>
      <translation>Good, hold still</translation>
    </message>
    <message>
      <source>必交</source>
      <translation>Required</translation>
    </message>
    <message>
      <source>忽略</source>
      <translation>Ignore</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>性别：{value}</source>
      <translation>Sex: {value}</translation>
    </message>
    <message>
      <source>您在受让的不动产中所占的份额是多少（%）？</source>
      <translation>What is your share (%) in the real estate being transferred to you?</translation>
    </message>
    <message>
      <source>您在所购房屋中所占的份额是多少（%）？</source>
      <translation>What is your share (%) in the property you are buying?</translation>
    </message>
    <message>
      <source>您在该不动产中所占的份额是多少（%）？</source>
      <translation>What is your share (%) in this real estate?</translation>
    </message>
    <message>
      <source>您提交的申请材料是否真实、有效，复印件是否与原件一致？</source>
      <translation>Are the application materials you submitted true and valid, and are the copies identical to the originals?</translation>
    </message>
    <message>
      <source>您是否同意以所购房屋办理抵押预告登记，为购房贷款提供担保？</source>
      <translation>Do you agree to register an advance notice of mortgage on the property you are buying, as security for the home loan?</translation>
    </message>
    <message>
      <source>您是否知悉：不动产存在异议登记的，受让方受让后可能承担相应的法律风险？</source>
      <translation>Are you aware that if an objection registration exists on the real estate, the transferee may bear the corresponding legal risk after the transfer?</translation>
    </message>
    <message>
      <source>您是否知悉：处分共同共有的不动产，应当经全体共同共有人同意，但共有人之间另有约定的除外？</source>
      <translation>Are you aware that disposing of jointly owned real estate requires the consent of all joint owners, unless the co-owners have agreed otherwise?</translation>
    </message>
    <message>
      <source>您是否知悉：处分按份共有的不动产，应当经占份额三分之二以上的按份共有人同意，但共有人之间另有约定的除外？</source>
      <translation>Are you aware that disposing of real estate owned in shares requires the consent of co-owners holding more than two thirds of the shares, unless the co-owners have agreed otherwise?</translation>
    </message>
    <message>
      <source>您的申请已经提交，请联系工作人员补打回执，或稍后凭身份证在本机打印。</source>
      <translation>Your application has been submitted. Ask a member of staff to print the receipt, or print it here later with your ID card.</translation>
    </message>
    <message>
      <source>您要变更哪一项？</source>
      <translation>What do you want to change?</translation>
    </message>
    <message>
      <source>您还在吗？</source>
      <translation>Are you still there?</translation>
    </message>
    <message>
      <source>您还在吗？如需继续，请触摸屏幕</source>
      <translation>Are you still there? Touch the screen to continue</translation>
    </message>
    <message>
      <source>您还有其他需要说明的事项吗？（没有可不填）</source>
      <translation>Is there anything else you would like to state? (Leave blank if not)</translation>
    </message>
    <message>
      <source>成交价格与申请不一致，请核对后修改申请</source>
      <translation>The transaction price does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>成交价格（元）</source>
      <translation>Transaction price (CNY)</translation>
    </message>
    <message>
      <source>我还在</source>
      <translation>I'm still here</translation>
    </message>
    <message>
      <source>房屋买卖合同（网签备案）</source>
      <translation>Housing sales contract (filed online)</translation>
    </message>
    <message>
      <source>房屋已预售给他人或已被查封，不能继续办理</source>
      <translation>The home has been pre-sold to someone else or seized; the application cannot go on</translation>
    </message>
    <message>
      <source>房屋网签备案合同及住房套数</source>
      <translation>Filed housing contract (online filing) and number of homes</translation>
    </message>
    <message>
      <source>房屋面积测绘报告</source>
      <translation>Housing area survey report</translation>
    </message>
    <message>
      <source>所购房屋将为单独所有还是共有？</source>
      <translation>Will the property you are buying be solely or jointly owned?</translation>
    </message>
    <message>
      <source>所需材料：</source>
      <translation>Materials: </translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>打印受理回执</source>
      <translation>Print a receipt</translation>
    </message>
    <message>
      <source>打印机无法开始打印，请检查打印机是否在线、是否缺纸</source>
      <translation>The printer could not start printing. Please check that the printer is online and has paper</translation>
    </message>
    <message>
      <source>打印机暂时无法使用，回执未能打印。</source>
      <translation>The printer is not available; the receipt was not printed.</translation>
    </message>
    <message>
      <source>打印机缺纸，回执未能打印。</source>
      <translation>The printer is out of paper; the receipt was not printed.</translation>
    </message>
    <message>
      <source>打印查询结果证明</source>
      <translation>Print the query-result certificate</translation>
    </message>
    <message>
      <source>打开文件……</source>
      <translation>Open file…</translation>
    </message>
    <message>
      <source>打开案件，按补正清单一次补齐后重新提交</source>
      <translation>Open the case, complete everything on the correction list and submit again</translation>
    </message>
    <message>
      <source>打开的文件过多</source>
      <translation>too many open files</translation>
    </message>
    <message>
      <source>扫描仪</source>
      <translation>Scanner</translation>
    </message>
    <message>
      <source>扫描仪“{device}”出错（{detail}），请检查设备后重试</source>
      <translation>Scanner "{device}" reported an error ({detail}). Please check the device and try again</translation>
    </message>
    <message>
      <source>扫描仪“{device}”没有自动送纸器，请改用平板扫描</source>
      <translation>The scanner “{device}” has no document feeder; scan on the flatbed instead</translation>
    </message>
    <message>
      <source>扫描仪“{device}”送来的图像无法读取，请重新扫描</source>
      <translation>The image from the scanner “{device}” cannot be read; scan again</translation>
    </message>
    <message>
      <source>扫描仪内存不足，请降低分辨率后重试</source>
      <translation>The scanner is out of memory. Lower the resolution and try again</translation>
    </message>
    <message>
      <source>扫描仪卡纸，请打开送纸器取出卡住的纸张后重试</source>
      <translation>Paper jam. Open the feeder, remove the jammed paper and try again</translation>
    </message>
    <message>
      <source>扫描仪报告故障，请重启扫描仪后重试</source>
      <translation>The scanner reports a fault; restart it and try again</translation>
    </message>
    <message>
      <source>扫描仪未开机或已断开，请检查电源和 USB 连接</source>
      <translation>The scanner is off or disconnected; check its power and USB cable</translation>
    </message>
    <message>
      <source>扫描仪正忙，请等待当前扫描结束后重试</source>
      <translation>The scanner is busy. Wait for the current scan to finish and try again</translation>
    </message>
    <message>
      <source>扫描仪盖板未合上，请合上盖板后重试</source>
      <translation>The scanner cover is open. Close it and try again</translation>
    </message>
    <message>
      <source>扫描仪通信出错，请检查 USB 连接后重试</source>
      <translation>Communication with the scanner failed. Check the USB connection and try again</translation>
    </message>
    <message>
      <source>扫描仪需要人工处理（请查看扫描仪面板上的提示）</source>
      <translation>The scanner needs attention (see the message on its panel)</translation>
    </message>
    <message>
      <source>扫描已取消</source>
      <translation>Scan cancelled</translation>
    </message>
    <message>
      <source>扫描贷款审批单二维码，或打开、拖入贷款系统导出的文件</source>
      <translation>Scan the loan approval sheet's QR code, or open or drop a file exported by the loan system</translation>
    </message>
    <message>
      <source>扫码后自动导入</source>
      <translation>Imported as soon as it is scanned</translation>
    </message>
    <message>
      <source>批次</source>
      <translation>Batch</translation>
    </message>
    <message>
      <source>批次 {id} 已标记为已移交（{n}件）</source>
      <translation>Batch {id} marked as handed over ({n} cases)</translation>
    </message>
    <message>
      <source>找不到 USB 密钥的驱动（PKCS#11 模块）{path}。请安装密钥厂商的驱动，或在设置 seal.module 中填写其路径；没有密钥时可由经办人手写签名</source>
      <translation>The USB key's driver (PKCS#11 module) {path} was not found. Install the key maker's driver or set its path in the seal.module setting; without a key the officer signs by hand</translation>
    </message>
    <message>
      <source>找不到 pdftoppm，无法预览或打印 PDF。请安装 poppler-utils（Windows 版 poppler 的 bin 目录需在 PATH 中）</source>
      <translation>pdftoppm not found, so PDFs cannot be previewed or printed. Please install poppler-utils (for poppler on Windows, its bin folder must be on the PATH)</translation>
    </message>
    <message>
      <source>找不到可嵌入的中文字体（TrueType）。请安装文泉驿微米黑（fonts-wqy-microhei）或在 Windows 上确认 C:\Windows\Fonts\simsun.ttc 存在，也可用环境变量 YIZHAN_PDF_FONT 指定字体文件</source>
      <translation>No embeddable Chinese font (TrueType) found. Please install WenQuanYi Micro Hei (fonts-wqy-microhei), or on Windows make sure C:\Windows\Fonts\simsun.ttc exists. You can also set the YIZHAN_PDF_FONT environment variable to a font file</translation>
    </message>
    <message>
      <source>找不到导出文件或其签名文件 {name}</source>
      <translation>Export file or its signature file {name} not found</translation>
    </message>
    <message>
      <source>找不到打印机“{name}”，请联系工作人员检查打印机</source>
      <translation>Printer "{name}" not found. Please ask the staff to check the printer</translation>
    </message>
    <message>
      <source>找不到扫描仪“{device}”，请检查电源和 USB 连接后重试</source>
      <translation>Scanner "{device}" not found. Please check the power and USB connection and try again</translation>
    </message>
    <message>
      <source>找不到数据库 {path} 的密钥（{provider}）。文件未作改动，请恢复密钥后再打开</source>
      <translation>The key for database {path} ({provider}) was not found. The file was not changed; please restore the key before opening it</translation>
    </message>
    <message>
      <source>找不到文件“{name}”，请确认文件位置后重试</source>
      <translation>File "{name}" not found. Check where the file is and try again</translation>
    </message>
    <message>
      <source>找不到案件 {id}</source>
      <translation>Case {id} not found</translation>
    </message>
    <message>
      <source>找不到附件 {id}</source>
      <translation>Attachment {id} not found</translation>
    </message>
    <message>
      <source>找到 {n} 件业务。</source>
      <translation>{n} businesses found.</translation>
    </message>
    <message>
      <source>找到扫描仪：{devices}</source>
      <translation>Scanners found: {devices}</translation>
    </message>
    <message>
      <source>找到高拍仪：{devices}</source>
      <translation>Document cameras found: {devices}</translation>
    </message>
    <message>
      <source>把各抵押人添加为债务人（已添加的不重复）</source>
      <translation>Add each mortgagor as a debtor (none twice)</translation>
    </message>
    <message>
      <source>抵押人</source>
      <translation>Mortgagor</translation>
    </message>
    <message>
      <source>抵押人与抵押权人共同申请时提交</source>
      <translation>Submit for a joint application by the mortgagor and the mortgagee</translation>
    </message>
    <message>
      <source>抵押人单方申请</source>
      <translation>Application by the mortgagor alone</translation>
    </message>
    <message>
      <source>抵押人单方申请时提交</source>
      <translation>Submit for an application by the mortgagor alone</translation>
    </message>
    <message>
      <source>抵押信息</source>
      <translation>Mortgage</translation>
    </message>
    <message>
      <source>抵押合同</source>
      <translation>Mortgage contract</translation>
    </message>
    <message>
      <source>抵押合同约定的被担保主债权数额为 {mortgage.amount}，是否属实？</source>
      <translation>The secured principal claim amount agreed in the mortgage contract is {mortgage.amount}. Is this correct?</translation>
    </message>
    <message>
      <source>抵押合同编号</source>
      <translation>Mortgage contract number</translation>
    </message>
    <message>
      <source>抵押权人</source>
      <translation>Mortgagee</translation>
    </message>
    <message>
      <source>抵押权人单方申请</source>
      <translation>Application by the mortgagee alone</translation>
    </message>
    <message>
      <source>抵押权人应为本行</source>
      <translation>The mortgagee must be this bank</translation>
    </message>
    <message>
      <source>抵押权人放弃抵押权</source>
      <translation>Mortgagee waived the mortgage</translation>
    </message>
    <message>
      <source>抵押权人由本行主数据填写并锁定，不能修改；信息有误请联系管理员更新主数据</source>
      <translation>The mortgagee is filled from this bank's master data and locked; if it is wrong, ask the administrator to update the master data</translation>
    </message>
    <message>
      <source>抵押权变更协议</source>
      <translation>Mortgage change agreement</translation>
    </message>
    <message>
      <source>抵押权变更登记（含延期续贷、展期）</source>
      <translation>Mortgage change registration (incl. loan renewal and extension)</translation>
    </message>
    <message>
      <source>抵押权尚未消灭，不能办理注销登记</source>
      <translation>The mortgage has not been extinguished; its cancellation cannot be registered</translation>
    </message>
    <message>
      <source>抵押权已经实现</source>
      <translation>Mortgage enforced</translation>
    </message>
    <message>
      <source>抵押权注销登记</source>
      <translation>Mortgage cancellation registration</translation>
    </message>
    <message>
      <source>抵押权注销登记（自助）</source>
      <translation>Mortgage cancellation registration (self-service)</translation>
    </message>
    <message>
      <source>抵押权消灭的材料（如贷款结清证明）</source>
      <translation>Proof that the mortgage has been extinguished (e.g. loan settlement certificate)</translation>
    </message>
    <message>
      <source>抵押权转移登记（带押过户，原抵押继续存在）</source>
      <translation>Mortgage transfer (transfer with the existing mortgage kept)</translation>
    </message>
    <message>
      <source>抵押权顺位变更</source>
      <translation>Change of mortgage priority</translation>
    </message>
    <message>
      <source>抵押权首次登记</source>
      <translation>Mortgage first registration</translation>
    </message>
    <message>
      <source>抵押权首次登记（一般抵押）</source>
      <translation>First mortgage registration (general mortgage)</translation>
    </message>
    <message>
      <source>抵押权首次登记（最高额抵押）</source>
      <translation>First mortgage registration (maximum-amount mortgage)</translation>
    </message>
    <message>
      <source>抵押登记</source>
      <translation>Mortgage registration</translation>
    </message>
    <message>
      <source>抵押财产与申请不一致，请核对后修改申请</source>
      <translation>The mortgaged property does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>抵押财产为坐落于 {property.location} 的不动产（权证号 {property.certificate_number}），是否属实？</source>
      <translation>The mortgaged property is the real estate located at {property.location} (certificate no. {property.certificate_number}). Is this correct?</translation>
    </message>
    <message>
      <source>抵押财产出租情况与申请填写不一致，请核对后修改申请</source>
      <translation>Whether the mortgaged property is leased does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>抵押财产是否存在权属争议，或已被查封、冻结？</source>
      <translation>Is the mortgaged property subject to any ownership dispute, or has it been seized or frozen?</translation>
    </message>
    <message>
      <source>抵押财产是否已出租</source>
      <translation>Mortgaged property is leased</translation>
    </message>
    <message>
      <source>抵押财产目前是否已出租？</source>
      <translation>Is the mortgaged property currently leased?</translation>
    </message>
    <message>
      <source>担保范围</source>
      <translation>Secured scope</translation>
    </message>
    <message>
      <source>担保范围与申请不一致，请核对合同后修改申请</source>
      <translation>The secured scope does not match the application; check the contract and correct the application</translation>
    </message>
    <message>
      <source>担保范围为：{mortgage.guarantee_scope}。是否属实？</source>
      <translation>The secured scope is: {mortgage.guarantee_scope}. Is this correct?</translation>
    </message>
    <message>
      <source>担保范围变更</source>
      <translation>Change of secured scope</translation>
    </message>
    <message>
      <source>拍摄</source>
      <translation>Capture</translation>
    </message>
    <message>
      <source>拍摄材料</source>
      <translation>Capture the papers</translation>
    </message>
    <message>
      <source>按业务类型</source>
      <translation>By business type</translation>
    </message>
    <message>
      <source>按业务编号、姓名、证件号码或不动产单元号查找</source>
      <translation>Search by case number, name, ID number or real estate unit number</translation>
    </message>
    <message>
      <source>按份共有</source>
      <translation>Ownership in shares</translation>
    </message>
    <message>
      <source>按日（最近 31 天）</source>
      <translation>By day (last 31 days)</translation>
    </message>
    <message>
      <source>按经办人</source>
      <translation>By officer</translation>
    </message>
    <message>
      <source>授权{bank}代为向不动产登记机构查询您名下坐落于{location}的不动产登记信息，仅用于本次登记业务（业务号 {case_id}）。</source>
      <translation>You authorize {bank} to query, on your behalf, the real estate registration information of the property in your name located at {location} with the real estate registry, solely for this registration (case no. {case_id}).</translation>
    </message>
    <message>
      <source>授权书</source>
      <translation>Authorization letter</translation>
    </message>
    <message>
      <source>授权书内容已保存，请委托人在授权书上签名</source>
      <translation>Letter saved; the principals now sign the authorization letter</translation>
    </message>
    <message>
      <source>授权书已签名</source>
      <translation>Authorization letter signed</translation>
    </message>
    <message>
      <source>授权书未写明委托日期</source>
      <translation>The authorization letter has no date</translation>
    </message>
    <message>
      <source>授权书未写明委托时限</source>
      <translation>The authorization letter has no time limit</translation>
    </message>
    <message>
      <source>授权书未写明委托查询的事项</source>
      <translation>The authorization letter names no matters entrusted</translation>
    </message>
    <message>
      <source>授权书未委托查询“{matter}”，不能查询</source>
      <translation>The authorization letter does not entrust "{matter}": query refused</translation>
    </message>
    <message>
      <source>授权书签名</source>
      <translation>Sign authorization</translation>
    </message>
    <message>
      <source>授权书缺少委托人（权利人）或受托人（银行）</source>
      <translation>The authorization letter lacks the principal (owner) or the agent (bank)</translation>
    </message>
    <message>
      <source>授权已于{date}到期，不能查询</source>
      <translation>The authorization expired on {date}: query refused</translation>
    </message>
    <message>
      <source>授权已设置</source>
      <translation>Authorization set</translation>
    </message>
    <message>
      <source>授权查询</source>
      <translation>Authorized query</translation>
    </message>
    <message>
      <source>授权自{date}起生效，尚不能查询</source>
      <translation>The authorization takes effect on {date}: no query yet</translation>
    </message>
    <message>
      <source>提交</source>
      <translation>Submit</translation>
    </message>
    <message>
      <source>提交与结果</source>
      <translation>Submission and outcome</translation>
    </message>
    <message>
      <source>提交前人脸核验</source>
      <translation>Face verification before submission</translation>
    </message>
    <message>
      <source>提交前人脸核验不一致，已记录；请重新采集人脸后再提交</source>
      <translation>Face check before submission: no match, recorded. Capture the face again before submitting</translation>
    </message>
    <message>
      <source>提交前人脸核验待经办人人工核对：{n} 人。</source>
      <translation>Face check before submission awaiting the officer's manual check: {n} person(s).</translation>
    </message>
    <message>
      <source>提交前人脸核验：{name}</source>
      <translation>Face check before submission: {name}</translation>
    </message>
    <message>
      <source>提交前人脸核验：人工核对</source>
      <translation>Face check before submission: manual check</translation>
    </message>
    <message>
      <source>提交前人脸核验：人工核对一致的理由</source>
      <translation type="obsolete">Face check before submission: reason for the manual match</translation>
    </message>
    <message>
      <source>提交前请再次正对摄像头</source>
      <translation>Before submitting, please face the camera again</translation>
    </message>
    <message>
      <source>提交前需再次核验人脸：{n} 人。</source>
      <translation>Face verification needed again before submission: {n} people.</translation>
    </message>
    <message>
      <source>提交前需再次采集人脸</source>
      <translation>The face must be captured again before submission</translation>
    </message>
    <message>
      <source>提交后案件将加密签名并进入上传队列，不能再修改。确定提交？</source>
      <translation>Once submitted the case is encrypted, signed and queued for upload and can no longer be changed. Submit?</translation>
    </message>
    <message>
      <source>提交并打印回执</source>
      <translation>Submit and print the receipt</translation>
    </message>
    <message>
      <source>提交时间：</source>
      <translation>Submitted at: </translation>
    </message>
    <message>
      <source>提交案件</source>
      <translation>Submit cases</translation>
    </message>
    <message>
      <source>提交登记</source>
      <translation>Submit</translation>
    </message>
    <message>
      <source>提示</source>
      <translation>Notice</translation>
    </message>
    <message>
      <source>提请主管复核</source>
      <translation>Ask for supervisor approval</translation>
    </message>
    <message>
      <source>插着多个 USB 密钥，请只保留本行的印章密钥，或在设置 seal.token 中填写其标签</source>
      <translation>Several USB keys are inserted; keep only the bank's seal key, or set its label in the seal.token setting</translation>
    </message>
    <message>
      <source>摄像头工作异常，请重新插好摄像头后重试</source>
      <translation>The camera is not working properly. Please reconnect the camera and try again</translation>
    </message>
    <message>
      <source>摄像头工作正常</source>
      <translation>Camera working properly</translation>
    </message>
    <message>
      <source>摄像头已断开，请重新插好摄像头后重试</source>
      <translation>The camera was disconnected. Please reconnect the camera and try again</translation>
    </message>
    <message>
      <source>摄像头无法打开</source>
      <translation>The camera cannot be opened</translation>
    </message>
    <message>
      <source>撤销一笔</source>
      <translation>Undo stroke</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>操作员</source>
      <translation>Operator</translation>
    </message>
    <message>
      <source>操作员登录</source>
      <translation>Operator login</translation>
    </message>
    <message>
      <source>操作员：{name}</source>
      <translation>Operator: {name}</translation>
    </message>
    <message>
      <source>操作失败，请重试</source>
      <translation>The operation failed; please try again</translation>
    </message>
    <message>
      <source>操作成功</source>
      <translation>Success</translation>
    </message>
    <message>
      <source>操作日志</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>收件材料</source>
      <translation>Materials</translation>
    </message>
    <message>
      <source>收费标准：</source>
      <translation>Fees: </translation>
    </message>
    <message>
      <source>放大</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>放平后请不要移动，系统会自动拍摄。</source>
      <translation>Lay it flat and hold still; it is captured automatically.</translation>
    </message>
    <message>
      <source>数字无效或过长（最多 {max} 位）</source>
      <translation>Invalid or too long number (at most {max} characters)</translation>
    </message>
    <message>
      <source>数据包</source>
      <translation>Packet</translation>
    </message>
    <message>
      <source>数据包 {pid}：{state}，{size}</source>
      <translation type="obsolete">Packet {pid}: {state}, {size}</translation>
    </message>
    <message>
      <source>数据包 {pid}：{state}，{size}，{at} 提交</source>
      <translation>Packet {pid}: {state}, {size}, submitted {at}</translation>
    </message>
    <message>
      <source>数据包使用了未知的服务器密钥 {kid}</source>
      <translation>The packet uses an unknown server key {kid}</translation>
    </message>
    <message>
      <source>数据包内容被截断</source>
      <translation>The packet content is truncated</translation>
    </message>
    <message>
      <source>数据包含有清单之外的内容</source>
      <translation>The packet holds content not listed in its manifest</translation>
    </message>
    <message>
      <source>数据包头不是有效的 JSON</source>
      <translation>The packet header is not valid JSON</translation>
    </message>
    <message>
      <source>数据包头被截断</source>
      <translation>The packet header is truncated</translation>
    </message>
    <message>
      <source>数据包头过长</source>
      <translation>The packet header is too long</translation>
    </message>
    <message>
      <source>数据包文件夹 {path} 无法使用（{err}），暂停新的提交；已有案件完好。请运维人员检查该位置（应为文件夹）</source>
      <translation>The packet folder {path} cannot be used ({err}); new submissions are paused and existing cases are intact. IT staff: check that location (it must be a folder)</translation>
    </message>
    <message>
      <source>数据包文件已损坏且无法重新生成，请在队列中选择“重试”（yizhan queue --retry {id}）或联系管理员</source>
      <translation>The packet file is damaged and cannot be rebuilt. Choose "Retry" in the queue (yizhan queue --retry {id}) or contact the administrator</translation>
    </message>
    <message>
      <source>数据包文件无法读取：{err}</source>
      <translation>The packet file cannot be read: {err}</translation>
    </message>
    <message>
      <source>数据包无法重建（案件已有新的版本），请重新提交案件</source>
      <translation>The packet cannot be rebuilt (the case has a newer revision); submit the case again</translation>
    </message>
    <message>
      <source>数据包条目 {name} 过大</source>
      <translation>Packet entry {name} is too large</translation>
    </message>
    <message>
      <source>数据包格式不对（不是一站数据包）</source>
      <translation>Wrong packet format (not a Yizhan packet)</translation>
    </message>
    <message>
      <source>数据包清单不是有效的 JSON</source>
      <translation>The packet manifest is not valid JSON</translation>
    </message>
    <message>
      <source>数据包清单签名无效</source>
      <translation>The packet manifest signature is invalid</translation>
    </message>
    <message>
      <source>数据包状态不能从“{a}”变为“{b}”</source>
      <translation>A packet cannot go from "{a}" to "{b}"</translation>
    </message>
    <message>
      <source>数据包缺少清单</source>
      <translation>The packet has no manifest</translation>
    </message>
    <message>
      <source>数据包缺少清单签名</source>
      <translation>The packet manifest is not signed</translation>
    </message>
    <message>
      <source>数据包被截断</source>
      <translation>The packet is truncated</translation>
    </message>
    <message>
      <source>数据包超过登记服务器接收上限（{max} 字节）</source>
      <translation>The packet exceeds what the registration server accepts ({max} bytes)</translation>
    </message>
    <message>
      <source>数据库 {path} 已损坏（有页面无法读取），本次操作未完成，文件未作改动。请停止使用本机录入，联系运维人员检查磁盘并从备份恢复</source>
      <translation>The database {path} is damaged (a page cannot be read); this operation was not completed and the file was not changed. Stop entering data on this machine and ask operations staff to check the disk and restore from a backup</translation>
    </message>
    <message>
      <source>数据库 {path} 所在的文件系统是只读的，无法保存（数据完好）。请检查磁盘是否出错或被挂载为只读</source>
      <translation>The file system holding the database {path} is read-only; nothing can be saved (the data is intact). Check whether the disk has errors or is mounted read-only</translation>
    </message>
    <message>
      <source>数据库升级</source>
      <translation>Database upgrade</translation>
    </message>
    <message>
      <source>数据库已关闭</source>
      <translation>The database is closed</translation>
    </message>
    <message>
      <source>数据库文件 {path} 不存在，但它的密钥和数据目录中的其他文件都在：文件可能被误删或移动。未创建新的空数据库，请从备份恢复该文件</source>
      <translation>The database file {path} is missing while its key and the other files of its data directory are present: it may have been deleted or moved. No new empty database was created; restore the file from a backup</translation>
    </message>
    <message>
      <source>数据库文件 {path} 不是普通文件（可能被替换为文件夹、设备或链接），未作任何改动。请从备份恢复该文件</source>
      <translation>The database file {path} is not a regular file (it may have been replaced by a folder, a device or a link); nothing was changed. Restore the file from a backup</translation>
    </message>
    <message>
      <source>数据库文件 {path} 为只读，无法保存。请检查文件权限</source>
      <translation>Database file {path} is read-only and cannot be saved. Please check the file permissions</translation>
    </message>
    <message>
      <source>数据库文件 {path} 已不存在（被删除或移动）。未创建新的空数据库，请从备份恢复该文件</source>
      <translation>The database file {path} no longer exists (deleted or moved). No new empty database was created; restore the file from a backup</translation>
    </message>
    <message>
      <source>数据库文件 {path} 是空的（0 字节），但它的密钥和数据目录中的其他文件都在：文件可能被截断。未创建新的空数据库，请从备份恢复该文件</source>
      <translation>The database file {path} is empty (0 bytes) while its key and the data folder's other files are there: the file may have been truncated. No new empty database was created; restore the file from a backup</translation>
    </message>
    <message>
      <source>数据库正被其他程序使用，请稍后重试</source>
      <translation>The database is in use by another program. Please try again later</translation>
    </message>
    <message>
      <source>数据库版本 {v} 比本程序支持的 {s} 新，请升级程序</source>
      <translation>Database version {v} is newer than the version {s} supported by this program. Please upgrade the program</translation>
    </message>
    <message>
      <source>数据库错误：{detail}</source>
      <translation>Database error: {detail}</translation>
    </message>
    <message>
      <source>数据段 {i} 校验失败（被篡改、截断或顺序错乱）</source>
      <translation>Segment {i} failed its check (tampered with, truncated or out of order)</translation>
    </message>
    <message>
      <source>数据段长度不对</source>
      <translation>Wrong segment length</translation>
    </message>
    <message>
      <source>数据目录 {path} 不是文件夹（可能被文件替换），未作任何改动。请运维人员检查该位置</source>
      <translation>The data folder {path} is not a folder (a file may have replaced it); nothing was changed. IT staff: check that location</translation>
    </message>
    <message>
      <source>数据过长，无法组成读卡器命令帧</source>
      <translation>Data too long for a card reader command frame</translation>
    </message>
    <message>
      <source>文书</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>文书已生成并存入加密库，计入材料清单</source>
      <translation>Documents generated, stored in the encrypted store and added to the materials list</translation>
    </message>
    <message>
      <source>文书生成失败：{error}</source>
      <translation>Generating the documents failed: {error}</translation>
    </message>
    <message>
      <source>文书生成超时，请重试</source>
      <translation>Generating the documents timed out, please try again</translation>
    </message>
    <message>
      <source>文书生成进程异常退出（返回 {code}），请重试</source>
      <translation>The document generation process ended abnormally (exit code {code}), please try again</translation>
    </message>
    <message>
      <source>文件 {name} 不是 JPEG、PNG、TIFF 或 PDF</source>
      <translation>File {name} is not a JPEG, PNG, TIFF or PDF</translation>
    </message>
    <message>
      <source>文件 {name} 与清单不符</source>
      <translation>File {name} does not match the manifest</translation>
    </message>
    <message>
      <source>文件 {name} 超过 {mb} MB</source>
      <translation>File {name} is larger than {mb} MB</translation>
    </message>
    <message>
      <source>文件“{name}”不是支持的图片格式（JPEG、PNG、TIFF），请选择图片或 PDF 文件</source>
      <translation>File "{name}" is not a supported image format (JPEG, PNG, TIFF). Please choose an image or a PDF file</translation>
    </message>
    <message>
      <source>文件“{name}”不是支持的格式（JPEG、PNG、TIFF、PDF），请换一个文件</source>
      <translation>File "{name}" is not in a supported format (JPEG, PNG, TIFF, PDF). Choose another file</translation>
    </message>
    <message>
      <source>文件“{name}”已损坏或无法读取，请重新扫描或换一个文件</source>
      <translation>File "{name}" is damaged or cannot be read. Please scan again or choose another file</translation>
    </message>
    <message>
      <source>文件“{name}”有 {size} MB，超过 {limit} MB 的上限，请降低扫描分辨率或拆分后再导入</source>
      <translation>File "{name}" is {size} MB, over the {limit} MB limit. Scan at a lower resolution or split it before importing</translation>
    </message>
    <message>
      <source>文件“{name}”超过 {limit} MB 的上限，请降低扫描分辨率或拆分后再导入</source>
      <translation type="obsolete">File “{name}” exceeds the limit of {limit} MB; lower the scan resolution or split it before importing</translation>
    </message>
    <message>
      <source>文件“{name}”页面过多或过于复杂，请拆分后再导入</source>
      <translation>File "{name}" has too many or too complex pages. Split it before importing</translation>
    </message>
    <message>
      <source>文件不存在</source>
      <translation>the file does not exist</translation>
    </message>
    <message>
      <source>文件名过长</source>
      <translation>the file name is too long</translation>
    </message>
    <message>
      <source>文件导入</source>
      <translation>File import</translation>
    </message>
    <message>
      <source>文件导入可用（JPEG、PNG、TIFF）</source>
      <translation>File import available (JPEG, PNG, TIFF)</translation>
    </message>
    <message>
      <source>文件或文件夹不存在</source>
      <translation>no such file or folder</translation>
    </message>
    <message>
      <source>文件正被占用</source>
      <translation>the file is in use</translation>
    </message>
    <message>
      <source>文字过长（{n} 字，最多 {max} 字）</source>
      <translation>Text too long ({n} characters, at most {max})</translation>
    </message>
    <message>
      <source>文档“{table}”第{row}行第{col}列的内容超出表格，请缩短该项内容后重试</source>
      <translation>The content in row {row}, column {col} of table "{table}" in the document does not fit. Please shorten it and try again</translation>
    </message>
    <message>
      <source>文档“{title}”的某项内容过长，一页无法容纳，请精简后重试</source>
      <translation>An item in document "{title}" is too long to fit on one page. Please shorten it and try again</translation>
    </message>
    <message>
      <source>文档没有留出加盖电子印章的位置</source>
      <translation>The document has no place kept for the electronic seal</translation>
    </message>
    <message>
      <source>新主债权合同</source>
      <translation>New principal loan contract</translation>
    </message>
    <message>
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>新密码至少 8 位，须同时包含字母和数字，不能包含工号，也不能与原密码相同</source>
      <translation>The new password needs at least 8 characters with letters and digits, must not contain the staff ID and must differ from the old one</translation>
    </message>
    <message>
      <source>新建和编辑案件</source>
      <translation>Create and edit cases</translation>
    </message>
    <message>
      <source>新建案件</source>
      <translation>New case</translation>
    </message>
    <message>
      <source>新建案件 {n} 件，提交 {s} 件；已受理 {a:.0%}，需补正 {c:.0%}，不予受理 {x:.0%}；提交至受理平均 {h}。</source>
      <translation>{n} cases created, {s} submitted; accepted {a:.0%}, correction requested {c:.0%}, not accepted {x:.0%}; submit to acceptance on average {h}.</translation>
    </message>
    <message>
      <source>新抵押权首次登记</source>
      <translation>First registration of the new mortgage</translation>
    </message>
    <message>
      <source>新的签名密钥（银行系统用它核对结果通知的签名；旧密钥已失效）：</source>
      <translation>New signing secret (the bank's system checks the outcome notifications' signatures with it; the old secret no longer works):</translation>
    </message>
    <message>
      <source>新的访问令牌（只显示这一次，请填入银行信贷系统；旧令牌已失效）：</source>
      <translation>New access token (shown only this once; enter it in the bank's credit system; the old token no longer works):</translation>
    </message>
    <message>
      <source>无可用的证件照（需读卡器厂商解码库），等待服务端人证比对</source>
      <translation>No card photo available (needs the reader vendor's decoder); awaiting the server's face comparison</translation>
    </message>
    <message>
      <source>无操作自动锁定（分钟）</source>
      <translation>Lock when idle (minutes)</translation>
    </message>
    <message>
      <source>无效：{error}</source>
      <translation>invalid: {error}</translation>
    </message>
    <message>
      <source>无法从 {url} 取得服务器证书：{err}。请检查地址和网络</source>
      <translation>Could not get the server certificate from {url}: {err}. Please check the address and the network</translation>
    </message>
    <message>
      <source>无法使用 Windows 扫描仪接口（WIA），请检查 Windows Image Acquisition 服务</source>
      <translation>The Windows scanner interface (WIA) cannot be used; check the Windows Image Acquisition service</translation>
    </message>
    <message>
      <source>无法写入审计导出文件 {path}：{err}</source>
      <translation>Cannot write the audit export file {path}: {err}</translation>
    </message>
    <message>
      <source>无法写入数据包文件：{err}。案件保持原状，请检查磁盘后重试</source>
      <translation>Could not write the packet file: {err}. The case is unchanged; please check the disk and try again</translation>
    </message>
    <message>
      <source>无法写入输出文件 {path}：{err}</source>
      <translation>Cannot write the output file {path}: {err}</translation>
    </message>
    <message>
      <source>无法写入输出文件 {path}：{err}（须为普通文件）</source>
      <translation>Cannot write the output file {path}: {err} (it must be a regular file)</translation>
    </message>
    <message>
      <source>无法创建数据目录 {path}：{err}</source>
      <translation>Could not create data directory {path}: {err}</translation>
    </message>
    <message>
      <source>无法加载读卡器厂商库 {path}，请检查驱动安装</source>
      <translation>Could not load the card reader vendor library {path}. Please check the driver installation</translation>
    </message>
    <message>
      <source>无法在 {path} 写入诊断包：{err}</source>
      <translation>Cannot write the diagnostics bundle in {path}: {err}</translation>
    </message>
    <message>
      <source>无法导入 PDF：未安装 PDF 渲染组件（poppler-utils），请联系运维人员</source>
      <translation>Cannot import PDF: the PDF renderer (poppler-utils) is not installed. Contact IT support</translation>
    </message>
    <message>
      <source>无法打开加密数据库 {path}：密钥不正确或文件已损坏。文件未作任何改动，请联系运维人员用正确密钥或备份恢复</source>
      <translation>Could not open encrypted database {path}: the key is wrong or the file is damaged. The file was not changed. Please contact the operations staff to restore it with the correct key or from a backup</translation>
    </message>
    <message>
      <source>无法打开数据库文件 {path}，请检查目录是否存在及权限</source>
      <translation>Could not open database file {path}. Please check that the folder exists and its permissions</translation>
    </message>
    <message>
      <source>无法打开案件数据库或业务目录。</source>
      <translation>Could not open the case database or the business catalog.</translation>
    </message>
    <message>
      <source>无法打开读卡器端口 {port}，请检查连接线，并确认没有其他程序占用该端口</source>
      <translation>Could not open card reader port {port}. Please check the cable and make sure no other program is using the port</translation>
    </message>
    <message>
      <source>无法打开高拍仪“{device}”，请检查 USB 连接或在设置中选择其他设备</source>
      <translation>Could not open document camera "{device}". Please check the USB connection or choose another device in the settings</translation>
    </message>
    <message>
      <source>无法生成“{document}”，缺少以下内容：{fields}。请补充后重试</source>
      <translation>Could not generate "{document}"; the following are missing: {fields}. Please complete them and try again</translation>
    </message>
    <message>
      <source>无法自动核验身份，请联系工作人员</source>
      <translation>Identity could not be verified automatically; please ask a member of staff</translation>
    </message>
    <message>
      <source>无法解开数据包密钥（密钥不符或数据已损坏）</source>
      <translation>Cannot unwrap the packet key (wrong key or damaged data)</translation>
    </message>
    <message>
      <source>无法识别的打印机设置：{spec}</source>
      <translation>Unknown printer setting: {spec}</translation>
    </message>
    <message>
      <source>无法识别的证件类型，请人工核验证件</source>
      <translation>Unrecognized document type. Please verify the ID document manually</translation>
    </message>
    <message>
      <source>无法识别的证件类型，请放置居民身份证、居住证或永久居留身份证</source>
      <translation>Unrecognised card type. Place a resident ID card, residence permit or permanent residence card</translation>
    </message>
    <message>
      <source>无法读取 PIN 文件 {path}</source>
      <translation>Cannot read the PIN file {path}</translation>
    </message>
    <message>
      <source>无法读取人脸质量配置 {path}，请检查它是不是 JSON 对象</source>
      <translation>Cannot read the face quality settings {path}; check that it is a JSON object</translation>
    </message>
    <message>
      <source>无法读取印章图片 {path}：{err}</source>
      <translation>Cannot read the seal image {path}: {err}</translation>
    </message>
    <message>
      <source>无法读取图片 {path}，请检查文件是否为 JPEG 或 PNG</source>
      <translation>Could not read image {path}. Please check that the file is a JPEG or PNG</translation>
    </message>
    <message>
      <source>无法读取密码文件 {path}：{err}</source>
      <translation>Cannot read the password file {path}: {err}</translation>
    </message>
    <message>
      <source>无法读取密钥文件 {path}：{err}，数据库未作改动</source>
      <translation>Cannot read the key file {path}: {err}; the database was not changed</translation>
    </message>
    <message>
      <source>无法读取导入文件 {path}：{err}</source>
      <translation>Could not read import file {path}: {err}</translation>
    </message>
    <message>
      <source>无法读取导出文件或其签名文件 {name}：{err}</source>
      <translation>Cannot read the export or its signature file {name}: {err}</translation>
    </message>
    <message>
      <source>无法读取文件 {name}：{err}</source>
      <translation>Could not read file {name}: {err}</translation>
    </message>
    <message>
      <source>无法读取文件“{name}”，请检查文件权限或换一个文件</source>
      <translation>Cannot read file "{name}". Check the file permissions or choose another file</translation>
    </message>
    <message>
      <source>无法读取注册码文件 {path}：{err}</source>
      <translation>Could not read the enrollment code file {path}: {err}</translation>
    </message>
    <message>
      <source>无法读取贷款审批单的图片</source>
      <translation>Cannot read the image of the loan approval sheet</translation>
    </message>
    <message>
      <source>无法连接 TPM（{tcti}）：{err}。数据库未作改动；请检查 TPM 是否启用，或设置 YIZHAN_KEY_PROVIDER 改用其他密钥方式</source>
      <translation>Cannot reach the TPM ({tcti}): {err}. The database was not changed; check that the TPM is enabled, or set YIZHAN_KEY_PROVIDER to use another key provider</translation>
    </message>
    <message>
      <source>无法连接登记服务器（{err}）。已提交的案件保存在本机，网络恢复后会自动上传</source>
      <translation>Could not connect to the registration server ({err}). Submitted cases are kept on this computer and will be uploaded automatically when the network is back</translation>
    </message>
    <message>
      <source>无窗口模式：未打开打印对话框</source>
      <translation>Headless mode: print dialog not opened</translation>
    </message>
    <message>
      <source>无需操作</source>
      <translation>Nothing to do</translation>
    </message>
    <message>
      <source>无需纸质件</source>
      <translation>No paper copy needed</translation>
    </message>
    <message>
      <source>日历</source>
      <translation>Calendar</translation>
    </message>
    <message>
      <source>日期“{value}”无效，请按 2024-05-01 的格式填写</source>
      <translation>Date "{value}" is invalid. Please use the format 2024-05-01</translation>
    </message>
    <message>
      <source>日期，如 2024-05-01</source>
      <translation>Date, e.g. 2024-05-01</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>显示</source>
      <translation>Show</translation>
    </message>
    <message>
      <source>显示完整信息</source>
      <translation>Show full details</translation>
    </message>
    <message>
      <source>显示最新 {n} 条</source>
      <translation>Showing the newest {n}</translation>
    </message>
    <message>
      <source>暂不签（打印后手签）</source>
      <translation>Sign later (sign by hand after printing)</translation>
    </message>
    <message>
      <source>暂时无法继续办理</source>
      <translation>This cannot go on here</translation>
    </message>
    <message>
      <source>更新时间</source>
      <translation>Updated</translation>
    </message>
    <message>
      <source>曾输错</source>
      <translation>wrong tries made</translation>
    </message>
    <message>
      <source>替换</source>
      <translation>Replace</translation>
    </message>
    <message>
      <source>最后一次机会</source>
      <translation>last try left</translation>
    </message>
    <message>
      <source>最少剩余磁盘空间（MB）</source>
      <translation>Minimum free disk space (MB)</translation>
    </message>
    <message>
      <source>最长未同步天数</source>
      <translation>Longest time without sync (days)</translation>
    </message>
    <message>
      <source>最高债权额与申请不一致，请核对合同后修改申请</source>
      <translation>The maximum claim amount does not match the application; check the contract and correct the application</translation>
    </message>
    <message>
      <source>最高债权额（元）</source>
      <translation>Maximum claim amount (CNY)</translation>
    </message>
    <message>
      <source>最高额主债权合同（一定期间内连续发生债权的合同）</source>
      <translation>Maximum-amount principal contract (contract for claims arising continuously within a set period)</translation>
    </message>
    <message>
      <source>最高额抵押合同</source>
      <translation>Maximum-amount mortgage contract</translation>
    </message>
    <message>
      <source>最高额抵押合同约定的最高债权额为 {mortgage.max_amount}，是否属实？</source>
      <translation>The maximum claim amount agreed in the maximum-amount mortgage contract is {mortgage.max_amount}. Is this correct?</translation>
    </message>
    <message>
      <source>最高额抵押权设立前已存在的债权是否转入最高额抵押担保的债权范围？</source>
      <translation>Are claims existing before the maximum-amount mortgage was created to be included in the scope of claims it secures?</translation>
    </message>
    <message>
      <source>有{n}页可能空白、模糊或过暗，已标记为“需检查”，请查看后重拍</source>
      <translation>{n} pages may be blank, blurred or too dark and have been marked "Check needed". Please review them and retake</translation>
    </message>
    <message>
      <source>有效</source>
      <translation>Valid</translation>
    </message>
    <message>
      <source>有效期至</source>
      <translation>Valid until</translation>
    </message>
    <message>
      <source>有效期至 {at}</source>
      <translation>valid until {at}</translation>
    </message>
    <message>
      <source>有效期限</source>
      <translation>Valid</translation>
    </message>
    <message>
      <source>有效期限：{value}</source>
      <translation>Valid period: {value}</translation>
    </message>
    <message>
      <source>服务内部错误，已记录；请稍后重试</source>
      <translation>Internal error, logged; please try again later</translation>
    </message>
    <message>
      <source>服务器</source>
      <translation>server</translation>
    </message>
    <message>
      <source>服务器下发的业务目录“{name}”的业务编码列表不正确，已拒收</source>
      <translation>The business list of the catalog "{name}" sent by the server is not correct; it was refused</translation>
    </message>
    <message>
      <source>服务器下发的业务目录“{name}”缺少文件列表，已拒收</source>
      <translation>The catalog "{name}" sent by the server has no file list; it was refused</translation>
    </message>
    <message>
      <source>服务器下发的业务目录版本 {inner} 与其声明的版本 {version} 不一致，已拒收</source>
      <translation>The catalog version {inner} sent by the server differs from its announced version {version}; it was refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据“{name}”与其目录不一致，已拒收</source>
      <translation>The master data "{name}" sent by the server do not match its index; they were refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据“{name}”内容不是 JSON 对象，已拒收</source>
      <translation>The master data "{name}" sent by the server are not a JSON object; they were refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据“{name}”含不允许的文件名“{file}”，已拒收</source>
      <translation>The master data "{name}" sent by the server contain a file name that is not allowed ("{file}"); they were refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据“{name}”在 {where} 处不符合格式，已拒收</source>
      <translation>The master data "{name}" sent by the server do not match their format at {where}; they were refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据“{name}”无法读取（{detail}），已拒收</source>
      <translation>The master data "{name}" sent by the server cannot be read ({detail}); they were refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据“{name}”版本号格式不正确，已拒收</source>
      <translation>The version number of the master data "{name}" sent by the server is not well formed; they were refused</translation>
    </message>
    <message>
      <source>服务器下发的基础数据名称“{name}”不允许，已拒收</source>
      <translation>The master data name "{name}" sent by the server is not allowed; it was refused</translation>
    </message>
    <message>
      <source>服务器加密公钥的指纹不符，注册已停止</source>
      <translation>The fingerprint of the server's encryption public key does not match. Enrollment stopped</translation>
    </message>
    <message>
      <source>服务器证书与注册时固定的证书不符，同步已停止（不会在不验证的情况下继续）。请联系管理员核实服务器</source>
      <translation>The server certificate does not match the one pinned at enrollment. Sync stopped (it will not continue without verification). Please ask the administrator to verify the server</translation>
    </message>
    <message>
      <source>服务器证书指纹</source>
      <translation>Server certificate fingerprint</translation>
    </message>
    <message>
      <source>服务器证书指纹不符（期望 {want}，实际 {got}）。可能连到了假冒的服务器，注册已停止，请与管理员核对指纹</source>
      <translation>Server certificate fingerprint mismatch (expected {want}, got {got}). You may be connected to a fake server. Enrollment stopped; please check the fingerprint with the administrator</translation>
    </message>
    <message>
      <source>服务端人证比对暂不可用：{why}</source>
      <translation>Server-side face-to-ID comparison is currently unavailable: {why}</translation>
    </message>
    <message>
      <source>服务端人证比对的回答无法识别，稍后重试</source>
      <translation>The response from the server-side face-to-ID comparison could not be understood. Will retry later</translation>
    </message>
    <message>
      <source>未上传数据包上限</source>
      <translation>Most unsent packets</translation>
    </message>
    <message>
      <source>未发现 USB/串口身份证读卡器，请检查连接线</source>
      <translation>No USB/serial ID card reader found. Check the cable</translation>
    </message>
    <message>
      <source>未取得</source>
      <translation>Not obtained</translation>
    </message>
    <message>
      <source>未取得利害关系人的书面同意，不能继续办理</source>
      <translation>No written consent of the interested parties; the application cannot go on</translation>
    </message>
    <message>
      <source>未安装 poppler-utils，无法导入 PDF</source>
      <translation>poppler-utils is not installed: PDF import unavailable</translation>
    </message>
    <message>
      <source>未安装扫描仪驱动组件（python-sane）</source>
      <translation>The scanner driver component (python-sane) is not installed</translation>
    </message>
    <message>
      <source>未安装扫描仪驱动组件（python-sane），请联系运维人员</source>
      <translation>The scanner driver component (python-sane) is not installed. Please contact the operations staff</translation>
    </message>
    <message>
      <source>未完成</source>
      <translation>Not done</translation>
    </message>
    <message>
      <source>未完成提交前人脸核验，案件未提交</source>
      <translation>Face verification before submission was not completed; the case was not submitted</translation>
    </message>
    <message>
      <source>未开始</source>
      <translation>Not started</translation>
    </message>
    <message>
      <source>未找到</source>
      <translation>not found</translation>
    </message>
    <message>
      <source>未找到 USB 密钥，或盖章过程中密钥被拔出，文件未盖章，原文件未改动。请插好密钥后重试，或由经办人手写签名</source>
      <translation>The USB key is not there, or it was pulled out while sealing; the documents were not sealed and the earlier ones are unchanged. Insert the key and try again, or have the officer sign by hand</translation>
    </message>
    <message>
      <source>未找到人脸模型，使用备用检测（精度较低）</source>
      <translation>Face model not found; using the fallback detector (lower accuracy)</translation>
    </message>
    <message>
      <source>未找到备案材料</source>
      <translation>No filed materials found</translation>
    </message>
    <message>
      <source>未找到扫描仪</source>
      <translation>No scanner found</translation>
    </message>
    <message>
      <source>未找到扫描仪，请检查电源和 USB 连接</source>
      <translation>No scanner found. Check its power and USB connection</translation>
    </message>
    <message>
      <source>未找到扫描仪，请检查电源和 USB 连接后重试</source>
      <translation>No scanner found. Please check the power and USB connection and try again</translation>
    </message>
    <message>
      <source>未找到摄像头，请检查连接后重试</source>
      <translation>No camera found. Please check the connection and try again</translation>
    </message>
    <message>
      <source>未找到本行备案材料，请联系管理员同步主数据</source>
      <translation>No filed materials found for this bank. Please ask the administrator to sync the master data</translation>
    </message>
    <message>
      <source>未找到证件，请把身份证放在读卡区；已读过的证件需拿起后重新放置</source>
      <translation>No card found. Place the ID card on the reader; a card already read must be lifted and placed again</translation>
    </message>
    <message>
      <source>未找到高拍仪（摄像头），请检查 USB 连接</source>
      <translation>No document camera found. Check the USB connection</translation>
    </message>
    <message>
      <source>未拍到材料，请将材料放平后重试</source>
      <translation>No page was captured; lay the paper flat and try again</translation>
    </message>
    <message>
      <source>未查询到您名下可办理本业务的不动产（或抵押），请到窗口咨询。</source>
      <translation>No property (or mortgage) in your name qualifies for this business; please ask at a counter.</translation>
    </message>
    <message>
      <source>未查询到网签备案合同 {number}</source>
      <translation>No filed contract {number} found</translation>
    </message>
    <message>
      <source>未核验</source>
      <translation>Not verified</translation>
    </message>
    <message>
      <source>未检测到人脸</source>
      <translation>No face detected</translation>
    </message>
    <message>
      <source>未注册</source>
      <translation>Not enrolled</translation>
    </message>
    <message>
      <source>未生成</source>
      <translation>Not generated</translation>
    </message>
    <message>
      <source>未登录</source>
      <translation>Not logged in</translation>
    </message>
    <message>
      <source>未知的业务类型“{code}”</source>
      <translation>Unknown business type "{code}"</translation>
    </message>
    <message>
      <source>未知的字段组“{group}”</source>
      <translation>unknown field group "{group}"</translation>
    </message>
    <message>
      <source>未知的密码套件“{suite}”（可选 default 或 gm）</source>
      <translation>Unknown crypto suite "{suite}" (choose default or gm)</translation>
    </message>
    <message>
      <source>未知的文档类型“{kind}”，可选：{kinds}</source>
      <translation>Unknown document type "{kind}". Options: {kinds}</translation>
    </message>
    <message>
      <source>未知的查询类型“{kind}”</source>
      <translation>Unknown query kind "{kind}"</translation>
    </message>
    <message>
      <source>未能检测到人脸。请正对摄像头再试一次；仍不成功请联系工作人员。</source>
      <translation>No face was detected. Face the camera and try again; if it still fails, ask a member of staff.</translation>
    </message>
    <message>
      <source>未能读取身份证。请取出后重新放置，或联系工作人员。</source>
      <translation>The ID card could not be read. Take it off and place it again, or ask a member of staff.</translation>
    </message>
    <message>
      <source>未连接</source>
      <translation>Not connected</translation>
    </message>
    <message>
      <source>未通过</source>
      <translation>Failed</translation>
    </message>
    <message>
      <source>未配置结果通知地址（integration.webhook_url）或投递目录（integration.drop_dir）</source>
      <translation>No outcome notification address (integration.webhook_url) or drop folder (integration.drop_dir) is configured</translation>
    </message>
    <message>
      <source>未采用读卡信息：证件号码与已录入的不一致</source>
      <translation type="obsolete">Card data not used: the ID number differs from the one already entered</translation>
    </message>
    <message>
      <source>未采集</source>
      <translation>Not captured</translation>
    </message>
    <message>
      <source>本业务无询问笔录</source>
      <translation>This business has no interview record</translation>
    </message>
    <message>
      <source>本业务无需询问笔录，或尚未添加当事人</source>
      <translation>This business needs no interview record, or no parties have been added yet</translation>
    </message>
    <message>
      <source>本业务的当事人无需核验身份（或尚未添加自然人当事人）</source>
      <translation>The parties of this business need no identity verification (or no natural-person parties have been added yet)</translation>
    </message>
    <message>
      <source>本业务需经工作人员复核后才能提交，请到服务窗口办理</source>
      <translation>This business needs a staff member's approval before it can be submitted; please go to a service counter</translation>
    </message>
    <message>
      <source>本人在场，另持有效证件核对一致</source>
      <translation>The person is present and another valid ID matches</translation>
    </message>
    <message>
      <source>本人拒绝配合核验</source>
      <translation>The person refuses the check</translation>
    </message>
    <message>
      <source>本期没有数据</source>
      <translation>No data for this period</translation>
    </message>
    <message>
      <source>本机出具（正式格式）：</source>
      <translation>Issued locally (official format): </translation>
    </message>
    <message>
      <source>本机审计日志只到第 {local} 条，而登记服务器已确认到第 {server} 条：日志被截断或数据库被回滚到旧副本</source>
      <translation>The local audit log ends at row {local} while the registration server confirmed row {server}: the log was cut or the database was rolled back to an older copy</translation>
    </message>
    <message>
      <source>本机尚未在登记服务器注册。请先运行“yizhan enroll”完成设备注册</source>
      <translation>This computer is not yet enrolled with the registration server. Please run "yizhan enroll" to enroll the device first</translation>
    </message>
    <message>
      <source>本机尚未在登记服务器注册，数据包保存在本机。请运维人员运行“yizhan enroll”完成注册。</source>
      <translation>This computer is not yet enrolled with the registration server; the packets are kept on this computer. Please ask the operations staff to run "yizhan enroll" to enroll it.</translation>
    </message>
    <message>
      <source>本机尚未在登记服务器注册：已提交的案件保存在本机，注册后自动上传</source>
      <translation>This computer is not yet enrolled with the registration server: submitted cases are kept on this computer and will be uploaded automatically after enrollment</translation>
    </message>
    <message>
      <source>本机尚未注册（请运维人员运行“yizhan enroll”）</source>
      <translation>This device is not enrolled (IT staff: run "yizhan enroll")</translation>
    </message>
    <message>
      <source>本机已在该服务器注册，无需重新注册</source>
      <translation>This computer is already enrolled with this server; nothing to do</translation>
    </message>
    <message>
      <source>本机接口地址</source>
      <translation>Local API address</translation>
    </message>
    <message>
      <source>本机时钟与登记服务器相差过大（服务器时间 {server_time}）。请校准本机时间后再同步</source>
      <translation>The clock of this computer differs too much from the registration server (server time {server_time}). Please correct the local time and sync again</translation>
    </message>
    <message>
      <source>本机时间早于上次登录时间，可能被调回；请先校正系统时间再登录</source>
      <translation>This computer's clock is earlier than the last login and may have been set back; correct the system time before logging in</translation>
    </message>
    <message>
      <source>本机暂不受理自助申请，请到窗口办理。查询和办事指南可正常使用。</source>
      <translation>This kiosk does not take applications at the moment; please go to a counter. Progress query and the service guide work as usual.</translation>
    </message>
    <message>
      <source>本机未安装人脸比对组件，请使用服务端比对或联系管理员安装</source>
      <translation>The face comparison component is not installed on this computer. Please use server-side comparison or ask the administrator to install it</translation>
    </message>
    <message>
      <source>本机未配置上传队列，不能提交</source>
      <translation>This device has no upload queue; the case cannot be submitted</translation>
    </message>
    <message>
      <source>本机磁盘剩余空间不足（剩余 {free} MB，至少需要 {need} MB），暂停新的提交；已有案件和待上传数据完好。请清理磁盘</source>
      <translation>Not enough free disk space on this computer ({free} MB free, at least {need} MB needed). New submissions are paused; existing cases and data waiting for upload are intact. Please free up disk space</translation>
    </message>
    <message>
      <source>本机第 {seq} 条审计记录与登记服务器确认的不一致：日志被改写</source>
      <translation>Local audit row {seq} differs from what the registration server confirmed: the log was rewritten</translation>
    </message>
    <message>
      <source>本案不需要</source>
      <translation>Not needed for this case</translation>
    </message>
    <message>
      <source>本案不需要（{cond}）</source>
      <translation>Not needed for this case ({cond})</translation>
    </message>
    <message>
      <source>本案已提交（状态：{state}），不能再修改</source>
      <translation>This case has been submitted (state: {state}) and can no longer be changed</translation>
    </message>
    <message>
      <source>本案已提交（状态：{state}），不能再修改。</source>
      <translation>This case has been submitted (status: {state}) and can no longer be changed.</translation>
    </message>
    <message>
      <source>本案无需主管复核，可直接提交</source>
      <translation>This case needs no approval; submit it directly</translation>
    </message>
    <message>
      <source>本案有人工核对或按业务规定，须经主管复核后才能提交。</source>
      <translation>A manual identity decision or the business rules require a supervisor's approval before submission.</translation>
    </message>
    <message>
      <source>本案没有这位当事人（请先保存申请信息）</source>
      <translation>This case has no such party (save the application first)</translation>
    </message>
    <message>
      <source>本次申请变更的事项为“{change.kind}”，是否属实？</source>
      <translation>The item to be changed in this application is "{change.kind}". Is this correct?</translation>
    </message>
    <message>
      <source>本次申请方式为“{cancel.applicant_mode}”，是否属实？</source>
      <translation>The application method is "{cancel.applicant_mode}". Is this correct?</translation>
    </message>
    <message>
      <source>本次申请登记是否为您（贵单位）的真实意思表示？</source>
      <translation>Does this registration application reflect your (your organization's) true intention?</translation>
    </message>
    <message>
      <source>权利人</source>
      <translation>Right holder</translation>
    </message>
    <message>
      <source>材料</source>
      <translation>Materials</translation>
    </message>
    <message>
      <source>材料“{name}”最多{max}页，已有{have}页，本次{n}页超出上限，未保存。请删除多余页面或分批采集</source>
      <translation>Material "{name}" allows at most {max} pages and already has {have}; these {n} pages would exceed the limit and were not saved. Please delete extra pages or capture in several rounds</translation>
    </message>
    <message>
      <source>材料“{name}”最多{max}页，已满。请先删除不需要的页面再采集</source>
      <translation>Material "{name}" allows at most {max} pages and is full. Please delete pages you do not need before capturing more</translation>
    </message>
    <message>
      <source>材料“{name}”最多{n}页</source>
      <translation>Material "{name}" allows at most {n} pages</translation>
    </message>
    <message>
      <source>材料已拍摄，请确认是否清晰</source>
      <translation>The page was captured; is it clear?</translation>
    </message>
    <message>
      <source>材料已拍摄，请确认是否清晰完整</source>
      <translation>The page was captured; check that it is clear and complete</translation>
    </message>
    <message>
      <source>材料应为导入文件所在目录中的文件名</source>
      <translation>A material must be the name of a file in the import file's folder</translation>
    </message>
    <message>
      <source>材料文件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;所有文件 (*)</source>
      <translation>Material files (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;All files (*)</translation>
    </message>
    <message>
      <source>材料文件 {name} 不在导入文件所在的目录中</source>
      <translation>The material file {name} is not in the import file's folder</translation>
    </message>
    <message>
      <source>材料文件合计超过 {mb} MB，请分批导入或在柜台采集</source>
      <translation>The material files exceed {mb} MB in total; import them in parts or capture them at the counter</translation>
    </message>
    <message>
      <source>材料文件过多（最多 {max} 个）</source>
      <translation>Too many material files (at most {max})</translation>
    </message>
    <message>
      <source>材料清单</source>
      <translation>Materials list</translation>
    </message>
    <message>
      <source>材料编码重复</source>
      <translation>duplicate material codes</translation>
    </message>
    <message>
      <source>材料：{slots} 项，共 {pages} 页</source>
      <translation>Materials: {slots} items, {pages} pages in all</translation>
    </message>
    <message>
      <source>条件</source>
      <translation>Filter</translation>
    </message>
    <message>
      <source>条件不满足</source>
      <translation>Condition not met</translation>
    </message>
    <message>
      <source>条件引用了未定义的字段 {fields}</source>
      <translation>the condition refers to undefined fields {fields}</translation>
    </message>
    <message>
      <source>条件引用了此前没有的问题 {ids}</source>
      <translation>the condition refers to questions not asked before: {ids}</translation>
    </message>
    <message>
      <source>条件：{c}</source>
      <translation>Condition: {c}</translation>
    </message>
    <message>
      <source>条码中不能包含材料文件，请在柜台采集</source>
      <translation type="obsolete">A barcode cannot carry material files; capture them at the counter</translation>
    </message>
    <message>
      <source>条码中的{label}无效：{error}</source>
      <translation>Invalid {label} in the barcode: {error}</translation>
    </message>
    <message>
      <source>条码内容不是有效的贷款审批数据（{f}）</source>
      <translation>The barcode does not hold valid loan approval data ({f})</translation>
    </message>
    <message>
      <source>条码内容过长（{n} 字符，最多 {max}）</source>
      <translation>The barcode content is too long ({n} characters, at most {max})</translation>
    </message>
    <message>
      <source>条码或接口导入的数据不能包含材料文件，请在柜台采集纸质材料</source>
      <translation>Data imported from a QR code or through the API cannot contain material files; capture the papers at the counter</translation>
    </message>
    <message>
      <source>条码识别组件“{name}”未安装，请联系运维人员</source>
      <translation>The barcode recognition component "{name}" is not installed. Please contact the operations staff</translation>
    </message>
    <message>
      <source>查看</source>
      <translation>View</translation>
    </message>
    <message>
      <source>查看完整个人信息</source>
      <translation>See full personal data</translation>
    </message>
    <message>
      <source>查看完整信息须选择工作理由</source>
      <translation>Choose a work reason to see full personal data</translation>
    </message>
    <message>
      <source>查询</source>
      <translation>Query</translation>
    </message>
    <message>
      <source>查询事项</source>
      <translation>Query</translation>
    </message>
    <message>
      <source>查询信息</source>
      <translation>Query</translation>
    </message>
    <message>
      <source>查询失败，请稍后重试</source>
      <translation>The query failed; try again later</translation>
    </message>
    <message>
      <source>查询授权书</source>
      <translation>Query authorization letter</translation>
    </message>
    <message>
      <source>查询用途</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <source>查询结果</source>
      <translation>Results</translation>
    </message>
    <message>
      <source>查询结果已显示</source>
      <translation>The results are shown</translation>
    </message>
    <message>
      <source>查询结果证明下载不完整（校验值不符），请重新查询</source>
      <translation>The query-result certificate arrived incomplete (checksum mismatch); query again</translation>
    </message>
    <message>
      <source>查询结果证明已保存</source>
      <translation>Query-result certificate saved</translation>
    </message>
    <message>
      <source>查询编号</source>
      <translation>Query number</translation>
    </message>
    <message>
      <source>查阅和导出操作日志</source>
      <translation>Read and export the audit log</translation>
    </message>
    <message>
      <source>标准字体</source>
      <translation>Normal text</translation>
    </message>
    <message>
      <source>标记所选批次已移交</source>
      <translation>Mark selected batch as handed over</translation>
    </message>
    <message>
      <source>核对{label}</source>
      <translation>Check {label}</translation>
    </message>
    <message>
      <source>核对完成，待提交</source>
      <translation>Check complete, ready to submit</translation>
    </message>
    <message>
      <source>核对申请人身份</source>
      <translation>Verifying the applicant's identity</translation>
    </message>
    <message>
      <source>核验状态：</source>
      <translation>Verification status: </translation>
    </message>
    <message>
      <source>案件</source>
      <translation>Case</translation>
    </message>
    <message>
      <source>案件 {id} 尚无办理结果（受理、不予受理或补正），无法生成“{name}”。请在同步收到登记机构的结果后再打印</source>
      <translation>Case {id} has no outcome yet (accepted, not accepted or corrections requested), so "{name}" cannot be generated. Please print it after the registry's outcome has been received by sync</translation>
    </message>
    <message>
      <source>案件 {id} 已提交（状态：{state}），不能重复提交</source>
      <translation>Case {id} has already been submitted (status: {state}) and cannot be submitted again</translation>
    </message>
    <message>
      <source>案件 {id} 没有文书 {doc}</source>
      <translation>Case {id} has no document {doc}</translation>
    </message>
    <message>
      <source>案件 {id}：{state}</source>
      <translation>Case {id}: {state}</translation>
    </message>
    <message>
      <source>案件列表</source>
      <translation>Case list</translation>
    </message>
    <message>
      <source>案件尚不完整，不能提交（{n}处）：{first}</source>
      <translation type="obsolete">The case is incomplete and cannot be submitted ({n} issues): {first}</translation>
    </message>
    <message>
      <source>案件尚不能提交，还有 {n} 个步骤未完成，首先是“{step}”</source>
      <translation>The case cannot be submitted yet: {n} step(s) not done, first “{step}”</translation>
    </message>
    <message>
      <source>案件尚未完整，不能标记为待提交：</source>
      <translation>The case is incomplete and cannot be marked as ready to submit: </translation>
    </message>
    <message>
      <source>案件已加密签名并进入上传队列，将在后台上传（网络中断时自动续传），无需等待。</source>
      <translation>The case is encrypted, signed and queued; it uploads in the background (resuming after a dropped link). No need to wait.</translation>
    </message>
    <message>
      <source>案件已提交或正在复核（状态：{state}），不能再查询并记入本案</source>
      <translation>The case is submitted or awaiting approval (state: {state}); a query can no longer be recorded in it</translation>
    </message>
    <message>
      <source>案件已提交或正在复核（状态：{state}），文书不能再生成</source>
      <translation>The case is submitted or awaiting approval (state: {state}); its documents cannot be generated again</translation>
    </message>
    <message>
      <source>案件已提交（状态：{state}），不能再修改</source>
      <translation>The case has been submitted (state: {state}) and can no longer be changed</translation>
    </message>
    <message>
      <source>案件数</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>案件数据库在 {n} 秒内没有打开，已截图退出。</source>
      <translation>The case database did not open within {n} seconds; screenshot saved, exiting.</translation>
    </message>
    <message>
      <source>案件未在等待复核（状态：{state}）</source>
      <translation>The case is not awaiting approval (state: {state})</translation>
    </message>
    <message>
      <source>案件正在等待主管复核，不能修改；如需修改请主管退回</source>
      <translation>The case is awaiting approval and cannot be changed; ask the supervisor to return it</translation>
    </message>
    <message>
      <source>案件状态不能从“{a}”变为“{b}”</source>
      <translation>The case status cannot change from "{a}" to "{b}"</translation>
    </message>
    <message>
      <source>模拟读卡器（演示卡，不能用于真实业务）</source>
      <translation>Emulated card reader (demo card, not for real business)</translation>
    </message>
    <message>
      <source>模拟高拍仪</source>
      <translation>Simulated document camera</translation>
    </message>
    <message>
      <source>模板名称无效</source>
      <translation>invalid template name</translation>
    </message>
    <message>
      <source>欢迎使用不动产登记自助服务</source>
      <translation>Welcome to real-estate registration self-service</translation>
    </message>
    <message>
      <source>欢迎使用不动产登记自助服务，请选择要办理的业务</source>
      <translation>Welcome to real-estate registration self-service. Please choose a business</translation>
    </message>
    <message>
      <source>正在升级本机数据库（新版本首次启动），请勿关闭程序……</source>
      <translation>Upgrading the local database (first start of a new version); please do not close the program…</translation>
    </message>
    <message>
      <source>正在升级本机数据库：{pct}%</source>
      <translation>Upgrading the local database: {pct}%</translation>
    </message>
    <message>
      <source>正在升级本机数据库：{pct}%（{done}/{total}）</source>
      <translation>Upgrading the local database: {pct}% ({done}/{total})</translation>
    </message>
    <message>
      <source>正在启动，请稍候…</source>
      <translation>Starting, please wait…</translation>
    </message>
    <message>
      <source>正在处理……</source>
      <translation>Processing…</translation>
    </message>
    <message>
      <source>正在处理上一批材料，请稍候</source>
      <translation>Processing the previous batch of materials, please wait</translation>
    </message>
    <message>
      <source>正在导入上一份贷款数据，请稍候</source>
      <translation>Still importing the previous loan, please wait</translation>
    </message>
    <message>
      <source>正在打印回执…</source>
      <translation>Printing the receipt…</translation>
    </message>
    <message>
      <source>正在打印回执，请稍候</source>
      <translation>Printing the receipt, please wait</translation>
    </message>
    <message>
      <source>正在打开加密数据库……</source>
      <translation>Opening the encrypted database…</translation>
    </message>
    <message>
      <source>正在打开摄像头…</source>
      <translation>Opening the camera…</translation>
    </message>
    <message>
      <source>正在打开高拍仪……</source>
      <translation>Opening the document camera…</translation>
    </message>
    <message>
      <source>正在排队上传，无需操作</source>
      <translation>Queued for upload, nothing to do</translation>
    </message>
    <message>
      <source>正在查找扫描仪……</source>
      <translation>Looking for scanners…</translation>
    </message>
    <message>
      <source>正在生成文书……</source>
      <translation>Generating documents…</translation>
    </message>
    <message>
      <source>正在等待材料…</source>
      <translation>Waiting for the page…</translation>
    </message>
    <message>
      <source>正在等待身份证…</source>
      <translation>Waiting for the ID card…</translation>
    </message>
    <message>
      <source>正在读取银行备案材料……</source>
      <translation>Reading the bank's filed materials…</translation>
    </message>
    <message>
      <source>正在连接读卡器……</source>
      <translation>Connecting to the card reader…</translation>
    </message>
    <message>
      <source>正在采集：</source>
      <translation>Capturing: </translation>
    </message>
    <message>
      <source>正在验证……</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>正常</source>
      <translation>normal</translation>
    </message>
    <message>
      <source>此地址不接受 {m} 请求</source>
      <translation>This address does not accept {m} requests</translation>
    </message>
    <message>
      <source>此问题需要书面说明，请到窗口办理</source>
      <translation>This question needs a written answer; please go to a counter</translation>
    </message>
    <message>
      <source>此项由登记机构通过基础数据统一设置，本机不能修改</source>
      <translation>Set by the registry through master data; it cannot be changed on this machine</translation>
    </message>
    <message>
      <source>步骤：已完成 {done} / {total}</source>
      <translation>Steps: {done} of {total} done</translation>
    </message>
    <message>
      <source>比对结果不确定，需人工复核</source>
      <translation>Comparison inconclusive; manual review needed</translation>
    </message>
    <message>
      <source>比对：</source>
      <translation>Comparison: </translation>
    </message>
    <message>
      <source>民族</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>民族：{value}</source>
      <translation>Ethnicity: {value}</translation>
    </message>
    <message>
      <source>没有使用扫描仪的权限，请联系运维人员</source>
      <translation>No permission to use the scanner. Contact IT support</translation>
    </message>
    <message>
      <source>没有可不填</source>
      <translation>Leave empty if none</translation>
    </message>
    <message>
      <source>没有可吊销的访问令牌</source>
      <translation>There is no access token to revoke</translation>
    </message>
    <message>
      <source>没有找到该业务的办理记录。</source>
      <translation>No record of that business.</translation>
    </message>
    <message>
      <source>没有拍到稳定的画面，请将材料放平、手离开画面后重试</source>
      <translation>No steady image was captured. Please lay the material flat, move your hands out of view and try again</translation>
    </message>
    <message>
      <source>没有拿到有效的页面图像，请重新拍摄或扫描</source>
      <translation>No valid page image was obtained. Please capture or scan again</translation>
    </message>
    <message>
      <source>没有插入 USB 密钥（或找不到标签为“{label}”的密钥），请插好后重试，或由经办人手写签名</source>
      <translation>No USB key inserted (or none labelled "{label}"); insert it and try again, or have the officer sign by hand</translation>
    </message>
    <message>
      <source>没有查到相关的申请。</source>
      <translation>No application was found.</translation>
    </message>
    <message>
      <source>没有由银行系统创建的案件 {id}</source>
      <translation>No case {id} created by the bank's system</translation>
    </message>
    <message>
      <source>没有移交批次</source>
      <translation>No hand-over batches</translation>
    </message>
    <message>
      <source>没有访问权限</source>
      <translation>permission denied</translation>
    </message>
    <message>
      <source>没有读取数据库文件 {path} 的权限</source>
      <translation>No permission to read database file {path}</translation>
    </message>
    <message>
      <source>没有贷款编号为 {ref} 的案件</source>
      <translation>No case with loan reference {ref}</translation>
    </message>
    <message>
      <source>没有这个接口地址</source>
      <translation>No such API address</translation>
    </message>
    <message>
      <source>法人或其他组织</source>
      <translation>Legal person or other organization</translation>
    </message>
    <message>
      <source>法定代表人</source>
      <translation>Legal representative</translation>
    </message>
    <message>
      <source>注册码文件 {path} 是空的</source>
      <translation>The enrollment code file {path} is empty</translation>
    </message>
    <message>
      <source>注册需要服务器证书指纹（服务器启动时显示）。请用 --ca-fingerprint 提供；确需首次信任时用 --tofu</source>
      <translation>Enrollment needs the server certificate fingerprint (shown when the server starts). Please provide it with --ca-fingerprint; use --tofu only if you really need to trust on first use</translation>
    </message>
    <message>
      <source>注销</source>
      <translation>Log out</translation>
    </message>
    <message>
      <source>注销信息</source>
      <translation>Cancellation</translation>
    </message>
    <message>
      <source>注销抵押的不动产坐落于 {property.location}（权证号 {property.certificate_number}），是否属实？</source>
      <translation>The real estate whose mortgage is to be cancelled is located at {property.location} (certificate no. {property.certificate_number}). Is this correct?</translation>
    </message>
    <message>
      <source>消费贷款</source>
      <translation>Consumer loan</translation>
    </message>
    <message>
      <source>添加{role}</source>
      <translation>Add {role}</translation>
    </message>
    <message>
      <source>清晰，继续</source>
      <translation>Clear, continue</translation>
    </message>
    <message>
      <source>清除失败的数据包</source>
      <translation>Clear a failed packet</translation>
    </message>
    <message>
      <source>清除失败的数据包须填写理由</source>
      <translation>Clearing a failed packet needs a reason</translation>
    </message>
    <message>
      <source>清除数据包 {pid}：案件将退回草稿（新版本），修改后可重新提交。</source>
      <translation>Clear packet {pid}: the case goes back to draft (a new revision) and can be submitted again after changes.</translation>
    </message>
    <message>
      <source>清除重签</source>
      <translation>Clear and sign again</translation>
    </message>
    <message>
      <source>清除（须主管确认）……</source>
      <translation>Clear (supervisor confirms)…</translation>
    </message>
    <message>
      <source>港澳台居民居住证</source>
      <translation>Residence permit for Hong Kong, Macao and Taiwan residents</translation>
    </message>
    <message>
      <source>照片中未检测到人脸，请重新采集</source>
      <translation>No face detected in the photo. Please capture again</translation>
    </message>
    <message>
      <source>照片无法读取，请重新采集</source>
      <translation>The photo cannot be read. Please capture again</translation>
    </message>
    <message>
      <source>照片需读卡器厂商解码库</source>
      <translation>Photo needs the reader vendor's decoder</translation>
    </message>
    <message>
      <source>照片：{value}</source>
      <translation>Photo: {value}</translation>
    </message>
    <message>
      <source>版本</source>
      <translation>Revision</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>状态：{value}</source>
      <translation>Status: {value}</translation>
    </message>
    <message>
      <source>现有抵押对应的贷款类型是？</source>
      <translation>What type of loan is the existing mortgage for?</translation>
    </message>
    <message>
      <source>理由</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>理由或退回意见（必填）</source>
      <translation>Reason or remarks (required)</translation>
    </message>
    <message>
      <source>生成“{name}”需要案件及其业务类型</source>
      <translation>Generating "{name}" requires a case and its business type</translation>
    </message>
    <message>
      <source>生成文书</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>生效的法律文书（证明抵押权消灭）</source>
      <translation>Effective legal document (proving that the mortgage has been extinguished)</translation>
    </message>
    <message>
      <source>用所选案件创建移交批次</source>
      <translation>Create hand-over batch from selected cases</translation>
    </message>
    <message>
      <source>用扫码枪扫描贷款审批单上的二维码：</source>
      <translation>Scan the QR code on the loan approval sheet with the barcode scanner:</translation>
    </message>
    <message>
      <source>用条码中的“{value}”替换当前的“{current}”？</source>
      <translation>Replace the current “{current}” with “{value}” from the barcode?</translation>
    </message>
    <message>
      <source>用途</source>
      <translation>Use</translation>
    </message>
    <message>
      <source>由本行主数据填写，已锁定</source>
      <translation>Filled from this bank's master data, locked</translation>
    </message>
    <message>
      <source>由登记服务器答复；只显示办理阶段，不显示个人信息。</source>
      <translation>Answered by the registration server; stages only, no personal data.</translation>
    </message>
    <message>
      <source>由系统生成（打印签字后随案移交）</source>
      <translation>Generated by the system (printed, signed and handed over with the case)</translation>
    </message>
    <message>
      <source>申请书、询问笔录等文书将在提交时按最新信息生成</source>
      <translation>The application form, interview record and other documents are generated from the latest data at submission</translation>
    </message>
    <message>
      <source>申请人</source>
      <translation>Applicant</translation>
    </message>
    <message>
      <source>申请人不能确认材料真实，不能继续办理</source>
      <translation>The applicant cannot confirm the materials are true; the application cannot go on</translation>
    </message>
    <message>
      <source>申请人身份证号码</source>
      <translation>Applicant's ID card number</translation>
    </message>
    <message>
      <source>申请人身份证明</source>
      <translation>Applicant's proof of identity</translation>
    </message>
    <message>
      <source>申请人（银行经办人）身份证明</source>
      <translation>Proof of identity of the applicant (bank officer)</translation>
    </message>
    <message>
      <source>申请人：</source>
      <translation>Applicant: </translation>
    </message>
    <message>
      <source>申请人：{name}</source>
      <translation>Applicant: {name}</translation>
    </message>
    <message>
      <source>申请信息</source>
      <translation>Application</translation>
    </message>
    <message>
      <source>申请信息不完整</source>
      <translation>The application is incomplete</translation>
    </message>
    <message>
      <source>申请信息已修改，与询问笔录不再一致：请相关当事人重新询问并签名</source>
      <translation>The application information has changed and no longer matches the interview record: the parties concerned must be interviewed and sign again</translation>
    </message>
    <message>
      <source>申请信息已修改，已生成的文书已过期：请重新生成文书</source>
      <translation>The application information has changed and the generated documents are out of date: please regenerate the documents</translation>
    </message>
    <message>
      <source>申请信息已修改，需重新询问</source>
      <translation>Application changed, interview again</translation>
    </message>
    <message>
      <source>申请信息或询问记录已修改，已生成的文书已过期，请重新生成文书</source>
      <translation>The application information or interview record has changed and the generated documents are out of date. Please regenerate the documents</translation>
    </message>
    <message>
      <source>申请将坐落变更为“{change.new_location}”，是否属实？</source>
      <translation>You apply to change the location to "{change.new_location}". Is this correct?</translation>
    </message>
    <message>
      <source>申请将权利人姓名（名称）变更为“{change.new_name}”，是否属实？</source>
      <translation>You apply to change the right holder's name to "{change.new_name}". Is this correct?</translation>
    </message>
    <message>
      <source>申请将身份证明号码变更为 {change.new_id_number}，是否属实？</source>
      <translation>You apply to change the identity document number to {change.new_id_number}. Is this correct?</translation>
    </message>
    <message>
      <source>申请将面积变更为 {change.new_area} 平方米，是否属实？</source>
      <translation>You apply to change the area to {change.new_area} m². Is this correct?</translation>
    </message>
    <message>
      <source>申请已提交</source>
      <translation>Application submitted</translation>
    </message>
    <message>
      <source>申请已提交。</source>
      <translation>Your application has been submitted.</translation>
    </message>
    <message>
      <source>申请已送达登记机构。</source>
      <translation>The application has reached the registry.</translation>
    </message>
    <message>
      <source>申请方式</source>
      <translation>Application method</translation>
    </message>
    <message>
      <source>申请方式与申请不一致，请核对后修改申请</source>
      <translation>The way of applying does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>申请材料是否由您（或您委托的代理人）自愿签署？</source>
      <translation>Were the application materials signed voluntarily by you (or by your authorized agent)?</translation>
    </message>
    <message>
      <source>申请材料非自愿签署，不能继续办理</source>
      <translation>The application materials were not signed voluntarily; the application cannot go on</translation>
    </message>
    <message>
      <source>申请注销的抵押权不动产登记证明号为 {change.registration_certificate}，是否属实？</source>
      <translation>The real estate registration certificate number of the mortgage to be cancelled is {change.registration_certificate}. Is this correct?</translation>
    </message>
    <message>
      <source>电子印章未能加盖（{kind}），文件未盖章，原文件未改动</source>
      <translation>The electronic seal could not be applied ({kind}); the documents were not sealed and the earlier ones are unchanged</translation>
    </message>
    <message>
      <source>电话号码格式不正确：手机号为11位，固定电话请加区号</source>
      <translation>Invalid phone number: mobile numbers have 11 digits; add the area code for landlines</translation>
    </message>
    <message>
      <source>画面中只能有一人</source>
      <translation>Only one person may be in view</translation>
    </message>
    <message>
      <source>界面语言（重启后生效）</source>
      <translation>Interface language (takes effect after restart)</translation>
    </message>
    <message>
      <source>疑似冒用他人证件</source>
      <translation>Suspected use of another person's ID</translation>
    </message>
    <message>
      <source>登录</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>登簿号：{n}</source>
      <translation>Register number: {n}</translation>
    </message>
    <message>
      <source>登记原因</source>
      <translation>Registration reason</translation>
    </message>
    <message>
      <source>登记原因及备注</source>
      <translation>Reason and remarks</translation>
    </message>
    <message>
      <source>登记引用了未定义的角色 {roles}</source>
      <translation>The registration refers to undefined roles {roles}</translation>
    </message>
    <message>
      <source>登记服务器</source>
      <translation>Registration server</translation>
    </message>
    <message>
      <source>登记服务器上没有该对象</source>
      <translation>The object does not exist on the registration server</translation>
    </message>
    <message>
      <source>登记服务器不提供密码套件“{suite}”（服务器提供：{offered}）。请核对设置 crypto_suite</source>
      <translation>The registration server does not offer the crypto suite "{suite}" (it offers: {offered}). Check the crypto_suite setting</translation>
    </message>
    <message>
      <source>登记服务器不认可本机身份：{message}。同步已停止，请联系管理员重新注册设备</source>
      <translation>The registration server does not recognize this computer: {message}. Sync stopped; please ask the administrator to re-enroll the device</translation>
    </message>
    <message>
      <source>登记服务器地址必须是 https://（{url}）。同步只在固定证书的加密连接上进行</source>
      <translation>The registration server address must be https:// ({url}). Sync only runs over an encrypted connection with the pinned certificate</translation>
    </message>
    <message>
      <source>登记服务器已不保留这次上传，将重新开始</source>
      <translation>The registration server no longer holds this upload; it will start again</translation>
    </message>
    <message>
      <source>登记服务器拒收了该数据包：请主管查看原因，处理后重试，或填写理由清除（案件退回草稿，修改后重新提交）</source>
      <translation>The server refused this packet: a supervisor checks why, then retries it, or clears it with a reason (the case goes back to draft to be corrected and submitted again)</translation>
    </message>
    <message>
      <source>登记服务器记录（{at}）：{what}</source>
      <translation>The registration server recorded ({at}): {what}</translation>
    </message>
    <message>
      <source>登记服务器记录：{kind}（{at}）</source>
      <translation type="obsolete">Recorded by the registration server: {kind} ({at})</translation>
    </message>
    <message>
      <source>登记服务器返回了无法识别的内容（HTTP {status}，{ctype}），可能是网络设备拦截。稍后会自动重试</source>
      <translation>The registration server returned unrecognized content (HTTP {status}, {ctype}), possibly blocked by a network device. Will retry automatically later</translation>
    </message>
    <message>
      <source>登记服务器：{message}（{code}）</source>
      <translation>Registration server: {message} ({code})</translation>
    </message>
    <message>
      <source>登记机构发来：</source>
      <translation>From the registry: </translation>
    </message>
    <message>
      <source>登记机构将在办理时限内审核。</source>
      <translation>The registry will examine it within the time limit.</translation>
    </message>
    <message>
      <source>登记机构拒绝查询：{reason}</source>
      <translation>The registry refused the query: {reason}</translation>
    </message>
    <message>
      <source>登记机构查询</source>
      <translation>Query by the registry</translation>
    </message>
    <message>
      <source>登记机构的全部答复；双击打开案件。</source>
      <translation>All answers of the registry; double-click to open the case.</translation>
    </message>
    <message>
      <source>登记机构的答复（受理号、需补正或不予受理）会显示在本页和案件列表中。</source>
      <translation>The registry's answer (receipt number, corrections or refusal) will show on this page and in the case list.</translation>
    </message>
    <message>
      <source>登记机构要求补正</source>
      <translation>Corrections requested by the registry</translation>
    </message>
    <message>
      <source>登记编码重复</source>
      <translation>Duplicate registration code</translation>
    </message>
    <message>
      <source>登记记录 {n} 条；已设立抵押</source>
      <translation>{n} registration records; mortgaged</translation>
    </message>
    <message>
      <source>登记记录 {n} 条；未查询到抵押登记</source>
      <translation>{n} registration records; no mortgage found</translation>
    </message>
    <message>
      <source>真实性承诺：本人（本单位）承诺，本次申请登记所提交的全部材料及所作陈述均真实、合法、有效，复印件与原件一致，申请登记事项为本人（本单位）真实意思表示；如有隐瞒真实情况、提供虚假材料或虚假陈述，本人（本单位）愿承担由此产生的一切法律责任。</source>
      <translation>Declaration of truthfulness: I (my organization) declare that all materials submitted and statements made for this registration application are true, lawful and valid, that the copies are identical to the originals, and that the matters applied for reflect my (my organization's) true intention. If any facts are concealed or false materials or statements are provided, I (my organization) will bear all legal liability arising therefrom.</translation>
    </message>
    <message>
      <source>知道了</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>确定删除草稿 {id}？此操作会记入审计日志。</source>
      <translation>Delete draft {id}? This will be recorded in the audit log.</translation>
    </message>
    <message>
      <source>确认提交</source>
      <translation>Submit</translation>
    </message>
    <message>
      <source>确认提交登记</source>
      <translation>Confirm submission</translation>
    </message>
    <message>
      <source>确认无误，去签名</source>
      <translation>Correct, go to signature</translation>
    </message>
    <message>
      <source>确认签名</source>
      <translation>Confirm signature</translation>
    </message>
    <message>
      <source>确认签署授权书</source>
      <translation>Confirm and sign authorization letter</translation>
    </message>
    <message>
      <source>磁盘为只读</source>
      <translation>the disk is read-only</translation>
    </message>
    <message>
      <source>磁盘已满</source>
      <translation>the disk is full</translation>
    </message>
    <message>
      <source>磁盘空间不足，案件未能提交（案件保持原状，未留下半成品文件）。请清理磁盘后重新提交</source>
      <translation>Not enough disk space; the case was not submitted (the case is unchanged and no partial files were left). Please free up disk space and submit again</translation>
    </message>
    <message>
      <source>磁盘空间已满，本次修改未保存（原有数据完好）。请清理磁盘后重试</source>
      <translation>The disk is full; this change was not saved (existing data is intact). Please free up disk space and try again</translation>
    </message>
    <message>
      <source>磁盘读写出错</source>
      <translation>the disk could not be read or written</translation>
    </message>
    <message>
      <source>离线</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>移交人 {by} {at}</source>
      <translation>Handed over by {by} at {at}</translation>
    </message>
    <message>
      <source>移交原件</source>
      <translation>Hand over originals</translation>
    </message>
    <message>
      <source>移交批次</source>
      <translation>Hand-over batches</translation>
    </message>
    <message>
      <source>移交期限</source>
      <translation>Hand-over deadline</translation>
    </message>
    <message>
      <source>程序内部错误，已记录日志。您的数据已保存，请重试或联系运维人员。</source>
      <translation>Internal program error; it has been logged. Your data has been saved. Please try again or contact the operations staff.</translation>
    </message>
    <message>
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <source>第 {i} 题 / 共 {n} 题</source>
      <translation>Question {i} of {n}</translation>
    </message>
    <message>
      <source>第 {n} 页</source>
      <translation>Page {n}</translation>
    </message>
    <message>
      <source>第 {rev} 版：请按以下清单一次补齐后重新提交。</source>
      <translation>Revision {rev}: please provide everything in the list below at once and submit again.</translation>
    </message>
    <message>
      <source>第13位土地所有权类型应为 G、J 或 Z</source>
      <translation>Character 13 (land ownership type) must be G, J or Z</translation>
    </message>
    <message>
      <source>第14位宗地权利类型代码无效</source>
      <translation>Character 14 (parcel right type code) is invalid</translation>
    </message>
    <message>
      <source>第15至19位宗地顺序号应为数字</source>
      <translation>Characters 15 to 19 (parcel sequence number) must be digits</translation>
    </message>
    <message>
      <source>第18位校验码应为{expected}</source>
      <translation>The 18th character (check digit) should be {expected}</translation>
    </message>
    <message>
      <source>第1至12位应为行政区划、地籍区和地籍子区代码（数字）</source>
      <translation>Characters 1 to 12 must be the administrative division, cadastral district and sub-district codes (digits)</translation>
    </message>
    <message>
      <source>第20位定着物类型应为 F、L、Q 或 W</source>
      <translation>Character 20 (fixture type) must be F, L, Q or W</translation>
    </message>
    <message>
      <source>第21至28位定着物单元号应为数字</source>
      <translation>Characters 21 to 28 (fixture unit number) must be digits</translation>
    </message>
    <message>
      <source>第3至8位应为行政区划代码（数字）</source>
      <translation>Characters 3 to 8 should be an administrative division code (digits)</translation>
    </message>
    <message>
      <source>第{line}行不是有效的 JSON：{error}</source>
      <translation>line {line} is not valid JSON: {error}</translation>
    </message>
    <message>
      <source>第{pages}页可能空白、模糊或过暗，请检查后重拍</source>
      <translation>Page(s) {pages} may be blank, blurred or too dark. Please check and retake</translation>
    </message>
    <message>
      <source>第{pos}位字符“{ch}”不允许（代码不含 I、O、S、V、Z）</source>
      <translation>Character "{ch}" at position {pos} is not allowed (the code does not use I, O, S, V or Z)</translation>
    </message>
    <message>
      <source>等待主管复核。</source>
      <translation>Waiting for a supervisor's approval.</translation>
    </message>
    <message>
      <source>等待主管复核：复核期间不能修改；主管退回后可修改</source>
      <translation>Awaiting approval: no changes until the supervisor returns it</translation>
    </message>
    <message>
      <source>等待服务端人证比对</source>
      <translation>Awaiting the server's face comparison</translation>
    </message>
    <message>
      <source>等待登记机构答复</source>
      <translation>Waiting for the registry's answer</translation>
    </message>
    <message>
      <source>筛选</source>
      <translation>Filter</translation>
    </message>
    <message>
      <source>签发机关</source>
      <translation>Issued by</translation>
    </message>
    <message>
      <source>签发机关：{value}</source>
      <translation>Issuing authority: {value}</translation>
    </message>
    <message>
      <source>签名</source>
      <translation>Sign</translation>
    </message>
    <message>
      <source>签名即确认询问笔录（共{n}问）内容真实、正确，并作出真实性承诺。</source>
      <translation>By signing, you confirm that the interview record ({n} questions) is true and correct, and you make the declaration of truthfulness.</translation>
    </message>
    <message>
      <source>签名所对应的内容已变化，请重新签名</source>
      <translation>What was signed has changed; please sign again</translation>
    </message>
    <message>
      <source>签名文件 {name} 已损坏</source>
      <translation>The signature file {name} is damaged</translation>
    </message>
    <message>
      <source>签名笔迹过少或过小，请用正楷完整签写姓名后再确认</source>
      <translation>The signature is too short or too small. Please sign your full name clearly in block script and then confirm</translation>
    </message>
    <message>
      <source>管理员</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>管理设置和设备</source>
      <translation>Manage settings and devices</translation>
    </message>
    <message>
      <source>系统暂时无法办理，请联系工作人员</source>
      <translation>The system cannot do this right now; please ask a member of staff</translation>
    </message>
    <message>
      <source>系统生成</source>
      <translation>Generated by system</translation>
    </message>
    <message>
      <source>纸质原件移交</source>
      <translation>Hand-over of paper originals</translation>
    </message>
    <message>
      <source>纸质原件移交……</source>
      <translation>Hand-over of paper originals…</translation>
    </message>
    <message>
      <source>纸质材料移交清单</source>
      <translation>Paper originals hand-over list</translation>
    </message>
    <message>
      <source>组合贷款</source>
      <translation>Combined loan</translation>
    </message>
    <message>
      <source>经办人</source>
      <translation>Officer</translation>
    </message>
    <message>
      <source>经办人人工核对一致</source>
      <translation>Officer checked by hand: matches</translation>
    </message>
    <message>
      <source>经办人人工核对不一致</source>
      <translation>Officer checked by hand: does not match</translation>
    </message>
    <message>
      <source>经办人：{name}</source>
      <translation>Handling officer: {name}</translation>
    </message>
    <message>
      <source>经营贷款</source>
      <translation>Business loan</translation>
    </message>
    <message>
      <source>经过</source>
      <translation>History</translation>
    </message>
    <message>
      <source>结束</source>
      <translation>End</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>统一社会信用代码</source>
      <translation>Unified social credit code</translation>
    </message>
    <message>
      <source>统一社会信用代码应为18位，现为{n}位</source>
      <translation>The unified social credit code should have 18 characters; it has {n}</translation>
    </message>
    <message>
      <source>统计与报表</source>
      <translation>Statistics and reports</translation>
    </message>
    <message>
      <source>编码“{code}”与文件名不一致</source>
      <translation>the code "{code}" does not match the file name</translation>
    </message>
    <message>
      <source>缩小</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>缺</source>
      <translation>Missing</translation>
    </message>
    <message>
      <source>缺少 loan_reference</source>
      <translation>loan_reference is missing</translation>
    </message>
    <message>
      <source>缺少 reference</source>
      <translation type="obsolete">reference is missing</translation>
    </message>
    <message>
      <source>缺少“{name}”的备案编号，请联系管理员在主数据中备案</source>
      <translation>No filing number for “{name}”; ask the administrator to file it in the master data</translation>
    </message>
    <message>
      <source>缺少必填项</source>
      <translation>required item missing</translation>
    </message>
    <message>
      <source>缺少有效的访问令牌（Authorization: Bearer …）</source>
      <translation>A valid access token is missing (Authorization: Bearer …)</translation>
    </message>
    <message>
      <source>网签备案合同 {number} 已备案（{date}），委托人名下住房 {homes} 套</source>
      <translation>Contract {number} is filed ({date}); the principals hold {homes} homes</translation>
    </message>
    <message>
      <source>网签备案合同编号</source>
      <translation>Filed contract number</translation>
    </message>
    <message>
      <source>网络恢复后会自动续传，无需操作</source>
      <translation>It resumes by itself when the line is back; nothing to do</translation>
    </message>
    <message>
      <source>网络恢复后，申请会自动上传到登记机构。</source>
      <translation>When the network is back, the application is uploaded to the registry automatically.</translation>
    </message>
    <message>
      <source>网络暂不可用，以下为本机记录。</source>
      <translation>The network is unavailable; these are this kiosk's records.</translation>
    </message>
    <message>
      <source>网络暂不可用：申请已保存在本机，</source>
      <translation>Network unavailable: the application is kept on this kiosk</translation>
    </message>
    <message>
      <source>联系工作人员</source>
      <translation>Ask staff</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>联网后自动上传，无需再来。</source>
      <translation>and uploaded when online; no need to come back.</translation>
    </message>
    <message>
      <source>自动同步间隔（秒）</source>
      <translation>Automatic sync interval (seconds)</translation>
    </message>
    <message>
      <source>自助申请回执</source>
      <translation>Self-service application receipt</translation>
    </message>
    <message>
      <source>自助终端</source>
      <translation>Self-service terminal</translation>
    </message>
    <message>
      <source>自助终端不能人工核对身份，请联系工作人员</source>
      <translation>Identity cannot be checked by hand at a self-service terminal; please ask a member of staff</translation>
    </message>
    <message>
      <source>自助终端暂停服务，请到窗口办理</source>
      <translation>This kiosk is out of service; please go to a counter</translation>
    </message>
    <message>
      <source>自然人</source>
      <translation>Natural person</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>营业执照</source>
      <translation>Business license</translation>
    </message>
    <message>
      <source>补正材料通知书</source>
      <translation>Notice of corrections</translation>
    </message>
    <message>
      <source>被担保主债权数额与申请不一致，请核对合同后修改申请</source>
      <translation>The secured principal claim does not match the application; check the contract and correct the application</translation>
    </message>
    <message>
      <source>被担保主债权数额变更</source>
      <translation>Change of secured principal amount</translation>
    </message>
    <message>
      <source>被担保主债权数额（元）</source>
      <translation>Secured principal claim amount (CNY)</translation>
    </message>
    <message>
      <source>被询问人</source>
      <translation>Interviewee</translation>
    </message>
    <message>
      <source>视情况</source>
      <translation>If applicable</translation>
    </message>
    <message>
      <source>视频源已结束或无法读取，请检查文件</source>
      <translation>The video source has ended or cannot be read. Please check the file</translation>
    </message>
    <message>
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>设备编号</source>
      <translation>Device ID</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>访问令牌</source>
      <translation>Access token</translation>
    </message>
    <message>
      <source>访问令牌已于 {at} 过期，请向管理员索取新令牌</source>
      <translation>The access token expired on {at}; ask an administrator for a new one</translation>
    </message>
    <message>
      <source>访问令牌已吊销</source>
      <translation>The access token was revoked</translation>
    </message>
    <message>
      <source>访问令牌已被吊销，请向管理员索取新令牌</source>
      <translation>The access token has been revoked; ask an administrator for a new one</translation>
    </message>
    <message>
      <source>访问令牌无效</source>
      <translation>Invalid access token</translation>
    </message>
    <message>
      <source>证书及电子证明领取</source>
      <translation>Collect certificates and electronic certificates</translation>
    </message>
    <message>
      <source>证书有效期至</source>
      <translation>Certificate valid until</translation>
    </message>
    <message>
      <source>证书（证明）已出具，可以领取</source>
      <translation>Certificate (proof) issued, ready to collect</translation>
    </message>
    <message>
      <source>证件中没有该项内容，请确认证件类型后重试</source>
      <translation>The card holds no such item. Check the card type and try again</translation>
    </message>
    <message>
      <source>证件信息验证错误，请拿起身份证重新放置后重试</source>
      <translation>Card data verification failed. Lift the ID card, place it again and retry</translation>
    </message>
    <message>
      <source>证件号码</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>证件号码不一致</source>
      <translation>ID numbers do not match</translation>
    </message>
    <message>
      <source>证件号码与已录入的当事人不一致，未采用</source>
      <translation>The ID number differs from the party entered; the card was not used</translation>
    </message>
    <message>
      <source>证件号码：</source>
      <translation>ID number: </translation>
    </message>
    <message>
      <source>证件号码：{value}</source>
      <translation>ID number: {value}</translation>
    </message>
    <message>
      <source>证件已过期</source>
      <translation>ID document expired</translation>
    </message>
    <message>
      <source>证件已过期，不能用于身份核验，请当事人出示有效证件</source>
      <translation type="obsolete">The ID document has expired and cannot be used for identity verification. Please ask the party to present a valid document</translation>
    </message>
    <message>
      <source>证件文字信息长度错误，请重新读卡</source>
      <translation>The text data on the ID card has the wrong length. Please read the card again</translation>
    </message>
    <message>
      <source>证件有效期无法识别，请人工核验证件</source>
      <translation>The validity period of the ID document cannot be recognized. Please verify the document manually</translation>
    </message>
    <message>
      <source>证件照与本人不符</source>
      <translation>The ID photo does not match the person</translation>
    </message>
    <message>
      <source>证件照与本人相符（人工核对）</source>
      <translation>The ID photo matches the person (checked by hand)</translation>
    </message>
    <message>
      <source>证件照年代久远，经询问核对为本人</source>
      <translation>The ID photo is old; confirmed as the person by questioning</translation>
    </message>
    <message>
      <source>证件照片无法编码</source>
      <translation>The ID photo could not be encoded</translation>
    </message>
    <message>
      <source>证件种类</source>
      <translation>ID document type</translation>
    </message>
    <message>
      <source>证件种类与主体类型不符</source>
      <translation>The ID document type does not match the party type</translation>
    </message>
    <message>
      <source>证件类型</source>
      <translation>Document type</translation>
    </message>
    <message>
      <source>证件类型：{value}</source>
      <translation>Document type: {value}</translation>
    </message>
    <message>
      <source>证件认证读卡器安全模块失败，请把身份证放稳后重试</source>
      <translation>The card failed to authenticate the reader's security module. Hold the ID card still and try again</translation>
    </message>
    <message>
      <source>证件：{label} {id}，有效期至 {to}</source>
      <translation>ID document: {label} {id}, valid until {to}</translation>
    </message>
    <message>
      <source>证明号 {n}</source>
      <translation>Certificate number {n}</translation>
    </message>
    <message>
      <source>诊断包已写入 {path}（个人信息已遮蔽）</source>
      <translation>Diagnostics bundle written to {path} (personal data masked)</translation>
    </message>
    <message>
      <source>询问</source>
      <translation>Questions</translation>
    </message>
    <message>
      <source>询问 {n}/{total}</source>
      <translation>Question {n}/{total}</translation>
    </message>
    <message>
      <source>询问与签名已完成，可以生成文书</source>
      <translation>Interview and signatures complete. You can now generate the documents</translation>
    </message>
    <message>
      <source>询问尚未答完，不能确认</source>
      <translation>The interview is not finished and cannot be confirmed</translation>
    </message>
    <message>
      <source>询问已结束，无需再回答</source>
      <translation>The interview has ended; no further answers are needed</translation>
    </message>
    <message>
      <source>询问模板</source>
      <translation>Interview templates</translation>
    </message>
    <message>
      <source>询问笔录</source>
      <translation>Interview record</translation>
    </message>
    <message>
      <source>询问笔录与签名</source>
      <translation>Interview record and signatures</translation>
    </message>
    <message>
      <source>询问笔录与签名：{name}</source>
      <translation>Interview record and signature: {name}</translation>
    </message>
    <message>
      <source>询问笔录尚未答完并确认，不能签名</source>
      <translation>The interview record must be finished and confirmed before signing</translation>
    </message>
    <message>
      <source>询问笔录所记询问人不是当前登录的操作员，请重新确认</source>
      <translation>The interview record names an interviewer who is not the operator logged in; confirm it again</translation>
    </message>
    <message>
      <source>询问笔录模板 {file} 有误，位置 {where}：{text}。请修正该文件或更新业务目录</source>
      <translation>Error in interview record template {file} at {where}: {text}. Please fix the file or update the business catalog</translation>
    </message>
    <message>
      <source>询问笔录确认后当事人信息已改动，请重新询问</source>
      <translation>The party's details changed after the interview record was confirmed; interview again</translation>
    </message>
    <message>
      <source>询问终止</source>
      <translation>Interview stopped</translation>
    </message>
    <message>
      <source>询问终止，本案不能继续办理：</source>
      <translation>Interview stopped; this case cannot proceed: </translation>
    </message>
    <message>
      <source>询问终止，本案不能继续办理：{reason}</source>
      <translation>Interview stopped; this case cannot proceed: {reason}</translation>
    </message>
    <message>
      <source>询问终止：{reason}</source>
      <translation>Interview stopped: {reason}</translation>
    </message>
    <message>
      <source>询问记录与本案不符（答案无效或案件已修改），请重新询问</source>
      <translation>The interview record does not match this case (an invalid answer, or the case changed); interview again</translation>
    </message>
    <message>
      <source>询问进行中</source>
      <translation>Interview in progress</translation>
    </message>
    <message>
      <source>该不动产为单独所有还是共有？</source>
      <translation>Is this real estate solely or jointly owned?</translation>
    </message>
    <message>
      <source>该不动产是否含有国有资产份额？</source>
      <translation>Does this real estate include a share of state-owned assets?</translation>
    </message>
    <message>
      <source>该不动产是否存在权属争议，或已被查封、冻结？</source>
      <translation>Is this real estate subject to any ownership dispute, or has it been seized or frozen?</translation>
    </message>
    <message>
      <source>该不动产是否已设定其他抵押权？</source>
      <translation>Does this real estate already have another mortgage on it?</translation>
    </message>
    <message>
      <source>该不动产目前是否已设定抵押？</source>
      <translation>Is this real estate currently mortgaged?</translation>
    </message>
    <message>
      <source>该业务不能在此办理（{channel}）</source>
      <translation>This business cannot be handled here ({channel})</translation>
    </message>
    <message>
      <source>该业务无需询问笔录</source>
      <translation>This business needs no interview record</translation>
    </message>
    <message>
      <source>该工号已被停用，已注销。</source>
      <translation>This staff ID was disabled and has been logged out.</translation>
    </message>
    <message>
      <source>该工号已被停用，请联系管理员</source>
      <translation>This staff ID is disabled; contact the administrator</translation>
    </message>
    <message>
      <source>该工号有效期至 {day} 已到期，请联系管理员</source>
      <translation>This staff ID expired on {day}; contact the administrator</translation>
    </message>
    <message>
      <source>该工号须先在柜台修改密码后才能使用命令行</source>
      <translation>This staff ID must change its password at the counter before using the command line</translation>
    </message>
    <message>
      <source>该当事人没有待人工核对的人脸比对</source>
      <translation>This party has no face check waiting for a manual decision</translation>
    </message>
    <message>
      <source>该房屋是否存在扩建、加建或改建等情况？</source>
      <translation>Has this house been extended, added to or altered?</translation>
    </message>
    <message>
      <source>该房屋是否已预售给他人，或已被查封？</source>
      <translation>Has this house been pre-sold to someone else, or has it been seized?</translation>
    </message>
    <message>
      <source>该抵押权是否已因主债权清偿等原因消灭？</source>
      <translation>Has this mortgage been extinguished, e.g. because the principal claim has been repaid?</translation>
    </message>
    <message>
      <source>该条码读自“{slot}”，不是通常印有{label}的材料，请核对是否本案。</source>
      <translation>This barcode was read from “{slot}”, which does not usually carry the {label}; check that it belongs to this case.</translation>
    </message>
    <message>
      <source>该端口没有读卡器应答</source>
      <translation>No reader answers on this port</translation>
    </message>
    <message>
      <source>该笔贷款已导入过，已打开原草稿 {id}</source>
      <translation>This loan was imported before; its draft {id} is open</translation>
    </message>
    <message>
      <source>该记录将连同经办人和时间一并保存，并记入审计日志。</source>
      <translation>The decision is kept with the officer and the time, and written to the audit log.</translation>
    </message>
    <message>
      <source>详情</source>
      <translation>Detail</translation>
    </message>
    <message>
      <source>语言与服务器……</source>
      <translation>Language and server…</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>请{name}正对镜头，完成提交前的人脸核验</source>
      <translation>{name}, please face the camera for face verification before submission</translation>
    </message>
    <message>
      <source>请{who}在下方签名</source>
      <translation>{who}, please sign below</translation>
    </message>
    <message>
      <source>请{who}签署不动产登记资料查询授权书</source>
      <translation>{who}, please sign the authorization letter for querying real estate registration records</translation>
    </message>
    <message>
      <source>请从以下选项中选择：{choices}</source>
      <translation>Please choose one of: {choices}</translation>
    </message>
    <message>
      <source>请从列表中选择工作理由</source>
      <translation>Choose a work reason from the list</translation>
    </message>
    <message>
      <source>请保持不动</source>
      <translation>Please hold still</translation>
    </message>
    <message>
      <source>请先填写不动产单元号</source>
      <translation>Enter the property unit number first</translation>
    </message>
    <message>
      <source>请先填写网签备案合同编号</source>
      <translation>Enter the filed contract number first</translation>
    </message>
    <message>
      <source>请先登录后再操作</source>
      <translation>Please log in first</translation>
    </message>
    <message>
      <source>请先选择一个移交批次</source>
      <translation>Please select a hand-over batch first</translation>
    </message>
    <message>
      <source>请先选择要移交纸质材料的案件</source>
      <translation>Please first select the cases whose paper materials are to be handed over</translation>
    </message>
    <message>
      <source>请先选择要采集人脸的当事人</source>
      <translation>Please first select the party whose face is to be captured</translation>
    </message>
    <message>
      <source>请回答“是”或“否”</source>
      <translation>Please answer "Yes" or "No"</translation>
    </message>
    <message>
      <source>请回答此问题后再继续</source>
      <translation>Please answer this question before continuing</translation>
    </message>
    <message>
      <source>请在左侧选择当事人，点击“开始询问”。每位当事人分别回答，确认后在签名板上签名。</source>
      <translation>Select a party on the left and click "Start interview". Each party answers separately, then confirms and signs on the signature pad.</translation>
    </message>
    <message>
      <source>请在此处用正楷签写姓名</source>
      <translation>Sign your name here in regular script</translation>
    </message>
    <message>
      <source>请在签名区内手写签名</source>
      <translation>Please sign by hand inside the signature area</translation>
    </message>
    <message>
      <source>请填写“{label}”</source>
      <translation>Please fill in "{label}"</translation>
    </message>
    <message>
      <source>请填写不动产单元号</source>
      <translation>Please enter the real estate unit number</translation>
    </message>
    <message>
      <source>请填写具体内容</source>
      <translation>Please specify</translation>
    </message>
    <message>
      <source>请填写当事人的{label}</source>
      <translation>Please fill in the party's {label}</translation>
    </message>
    <message>
      <source>请填写统一社会信用代码</source>
      <translation>Please enter the unified social credit code</translation>
    </message>
    <message>
      <source>请填写身份证号码</source>
      <translation>Please enter the ID card number</translation>
    </message>
    <message>
      <source>请妥善保管本回执</source>
      <translation>Please keep this receipt</translation>
    </message>
    <message>
      <source>请将{name}放在拍摄区</source>
      <translation>Please place the {name} in the capture area</translation>
    </message>
    <message>
      <source>请将“{name}”正面朝上放在拍摄区</source>
      <translation>Please place “{name}” face up in the capture area</translation>
    </message>
    <message>
      <source>请将材料平放在高拍仪下，手离开画面后自动拍摄</source>
      <translation>Lay the material flat under the document camera and move your hands away; the photo will be taken automatically</translation>
    </message>
    <message>
      <source>请将身份证放在读卡区</source>
      <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
      <source>请将身份证放在读卡区，或在下方输入受理编号中的数字。</source>
      <translation>Place your ID card on the reader, or type the digits of the acceptance number below.</translation>
    </message>
    <message>
      <source>请将身份证放在读卡区，或输入受理编号</source>
      <translation>Place your ID card on the reader, or type the acceptance number</translation>
    </message>
    <message>
      <source>请当事人正对镜头</source>
      <translation>Please ask the party to face the camera</translation>
    </message>
    <message>
      <source>请把头摆正</source>
      <translation>Please hold your head straight</translation>
    </message>
    <message>
      <source>请把证件放在读卡区……</source>
      <translation>Place the ID card on the reader…</translation>
    </message>
    <message>
      <source>请摘下帽子和眼镜，眨一眨眼。</source>
      <translation>Please take off hat and glasses, and blink.</translation>
    </message>
    <message>
      <source>请收取纸质原件 {n} 件，并通过“案件 → 纸质原件移交”登记移交。</source>
      <translation>Collect {n} paper originals and record their hand-over under “Cases → Hand over paper originals”.</translation>
    </message>
    <message>
      <source>请核对以下询问记录</source>
      <translation>Please check the interview record below</translation>
    </message>
    <message>
      <source>请核对后提交</source>
      <translation>Please check, then submit</translation>
    </message>
    <message>
      <source>请核对后点击确认提交</source>
      <translation>Please check, then touch Submit</translation>
    </message>
    <message>
      <source>请正对摄像头，保持不动</source>
      <translation>Please face the camera and hold still</translation>
    </message>
    <message>
      <source>请正对镜头</source>
      <translation>Please face the camera</translation>
    </message>
    <message>
      <source>请求内容不完整</source>
      <translation>The request's body is incomplete</translation>
    </message>
    <message>
      <source>请求内容在 {s} 秒内未传完</source>
      <translation>The request body did not arrive within {s} seconds</translation>
    </message>
    <message>
      <source>请求内容须为 application/json</source>
      <translation>The request's body must be application/json</translation>
    </message>
    <message>
      <source>请求格式错误（HTTP {code}）</source>
      <translation>Malformed request (HTTP {code})</translation>
    </message>
    <message>
      <source>请求须带 Content-Length</source>
      <translation>The request must carry Content-Length</translation>
    </message>
    <message>
      <source>请求须带 Content-Length，不接受分块传输</source>
      <translation>The request must carry Content-Length; chunked bodies are not accepted</translation>
    </message>
    <message>
      <source>请添加{role}（至少{n}人）</source>
      <translation>Please add {role} (at least {n})</translation>
    </message>
    <message>
      <source>请用 ?reference=贷款编号 查询案件</source>
      <translation>Look a case up with ?reference=&lt;loan reference&gt;</translation>
    </message>
    <message>
      <source>请眨一下眼睛</source>
      <translation>Please blink</translation>
    </message>
    <message>
      <source>请睁开眼睛</source>
      <translation>Please open your eyes</translation>
    </message>
    <message>
      <source>请确认以上回答属实，并在下方签名</source>
      <translation>Confirm that your answers are true and sign below</translation>
    </message>
    <message>
      <source>请确认回答属实，并在屏幕上签名</source>
      <translation>Confirm that your answers are true and sign on the screen</translation>
    </message>
    <message>
      <source>请离远一点</source>
      <translation>Please move back a little</translation>
    </message>
    <message>
      <source>请缓慢转头，再看回镜头</source>
      <translation>Please turn your head slowly, then look back at the camera</translation>
    </message>
    <message>
      <source>请联系大厅工作人员协助办理。您的信息不会保留在本机。</source>
      <translation>Please ask a member of staff in the hall. Your information is not kept on this kiosk.</translation>
    </message>
    <message>
      <source>请说明共有人之间的约定内容：</source>
      <translation>Please describe the agreement among the co-owners:</translation>
    </message>
    <message>
      <source>请输入</source>
      <translation>Enter here</translation>
    </message>
    <message>
      <source>请输入 USB 密钥的 PIN（不超过 {n} 位）</source>
      <translation>Enter the USB key's PIN (at most {n} characters)</translation>
    </message>
    <message>
      <source>请输入 USB 密钥的 PIN，或取消“加盖本行电子印章”由经办人手写签名</source>
      <translation>Enter the USB key's PIN, or untick "Apply the bank's electronic seal" so the officer signs by hand</translation>
    </message>
    <message>
      <source>请输入工号和密码</source>
      <translation>Enter staff ID and password</translation>
    </message>
    <message>
      <source>请输入工号和密码。首次登录请使用发放的初始码，并设置新密码。</source>
      <translation>Enter your staff ID and password. At first login use the code you were given, then set a new password.</translation>
    </message>
    <message>
      <source>请输入管理密码</source>
      <translation>Enter the admin PIN</translation>
    </message>
    <message>
      <source>请输入：{label}</source>
      <translation>Please enter: {label}</translation>
    </message>
    <message>
      <source>请选择业务类型</source>
      <translation>Please select a business type</translation>
    </message>
    <message>
      <source>请选择查看的工作理由（将记入操作日志）</source>
      <translation>Choose the work reason (it is recorded in the audit log)</translation>
    </message>
    <message>
      <source>请选择查询用途（{choices}）</source>
      <translation>Choose the purpose of the query ({choices})</translation>
    </message>
    <message>
      <source>请选择要办理的不动产</source>
      <translation>Please choose the property</translation>
    </message>
    <message>
      <source>请选择要办理的业务。全程只需触摸屏幕，无需键盘。</source>
      <translation>Choose a business. Everything is done by touch; no keyboard needed.</translation>
    </message>
    <message>
      <source>请选择要打印回执的申请</source>
      <translation>Choose the application to print a receipt for</translation>
    </message>
    <message>
      <source>请采集材料“{name}”</source>
      <translation>Please capture material "{name}"</translation>
    </message>
    <message>
      <source>请靠近一点</source>
      <translation>Please come a little closer</translation>
    </message>
    <message>
      <source>读写数据库 {path} 时磁盘出错，本次操作未完成。请检查磁盘后重试</source>
      <translation>A disk error occurred while accessing the database {path}; this operation was not completed. Check the disk and try again</translation>
    </message>
    <message>
      <source>读到的证件号码 {card} 与已录入的 {entered} 不一致。
是否用读卡信息覆盖该当事人的姓名、证件号码和地址？</source>
      <translation>The ID number read from the card, {card}, differs from the one entered, {entered}.
Overwrite this party's name, ID number and address with the card data?</translation>
    </message>
    <message>
      <source>读卡</source>
      <translation>Read card</translation>
    </message>
    <message>
      <source>读卡中途证件被移开，请把身份证放稳后重新读卡</source>
      <translation>The ID card was removed while being read. Please place it steadily and read it again</translation>
    </message>
    <message>
      <source>读卡后将列出您在本机提交的申请。</source>
      <translation>After the card is read, your applications submitted here are listed.</translation>
    </message>
    <message>
      <source>读卡后当事人姓名或证件号码已改动，与所读身份证不符，请重新读卡并核验</source>
      <translation>The party's name or ID number changed after the card was read and no longer matches it; read the card and check again</translation>
    </message>
    <message>
      <source>读卡器不可用：</source>
      <translation>Card reader unavailable: </translation>
    </message>
    <message>
      <source>读卡器不支持该命令，请确认读卡器型号或更新驱动</source>
      <translation>The reader does not support this command. Check the reader model or update its driver</translation>
    </message>
    <message>
      <source>读卡器厂商库无响应，请重新插拔读卡器后重试</source>
      <translation>The card reader vendor library is not responding. Please unplug and reconnect the card reader and try again</translation>
    </message>
    <message>
      <source>读卡器厂商库缺少函数 {name}，请确认库版本</source>
      <translation>The card reader vendor library lacks function {name}. Please check the library version</translation>
    </message>
    <message>
      <source>读卡器厂商库返回的数据格式错误，请重新读卡</source>
      <translation>The card reader vendor library returned data in the wrong format. Please read the card again</translation>
    </message>
    <message>
      <source>读卡器发生未知错误，请重新插拔读卡器后重试</source>
      <translation>Unknown reader error. Unplug the reader, plug it in again and retry</translation>
    </message>
    <message>
      <source>读卡器取随机数失败，请拿起身份证重新放置后重试</source>
      <translation>The reader failed to get a random number. Lift the ID card, place it again and retry</translation>
    </message>
    <message>
      <source>读卡器安全模块未授权，请联系读卡器厂商</source>
      <translation>The reader's security module is not authorised. Contact the reader's vendor</translation>
    </message>
    <message>
      <source>读卡器安全模块编号格式错误，请重试</source>
      <translation>Malformed reader security module ID. Try again</translation>
    </message>
    <message>
      <source>读卡器安全模块自检失败，请联系维护人员更换读卡器</source>
      <translation>The reader's security module failed its self-test. Ask maintenance to replace the reader</translation>
    </message>
    <message>
      <source>读卡器尚未打开，请先连接读卡器</source>
      <translation>The card reader is not open. Please connect the card reader first</translation>
    </message>
    <message>
      <source>读卡器应答不完整，请重试；反复出现请检查连接线</source>
      <translation>Incomplete response from the card reader. Please try again; if this keeps happening, check the cable</translation>
    </message>
    <message>
      <source>读卡器应答帧头错误，请重试；反复出现请检查连接线</source>
      <translation>Bad frame header in the reader's answer. Try again; if it keeps happening, check the cable</translation>
    </message>
    <message>
      <source>读卡器应答无法识别，请确认该端口连接的是身份证读卡器</source>
      <translation>Unrecognized response from the card reader. Please make sure an ID card reader is connected to this port</translation>
    </message>
    <message>
      <source>读卡器应答校验错误，请重新读卡；反复出现请检查连接线</source>
      <translation>Bad checksum in the reader's answer. Read the card again; if it keeps happening, check the cable</translation>
    </message>
    <message>
      <source>读卡器应答长度错误，请重试；反复出现请检查连接线</source>
      <translation>Bad length in the reader's answer. Try again; if it keeps happening, check the cable</translation>
    </message>
    <message>
      <source>读卡器报告校验和错误，请重试；反复出现请检查连接线</source>
      <translation>The reader reports a checksum error. Try again; if it keeps happening, check the cable</translation>
    </message>
    <message>
      <source>读卡器报告长度错误，请重试；反复出现请检查连接线</source>
      <translation>The reader reports a length error. Try again; if it keeps happening, check the cable</translation>
    </message>
    <message>
      <source>读卡器拒绝越权操作，请重新插拔读卡器后重试</source>
      <translation>The reader refused an unauthorised operation. Unplug the reader, plug it in again and retry</translation>
    </message>
    <message>
      <source>读卡器数据类型错误，请重试</source>
      <translation>Wrong reader data type. Try again</translation>
    </message>
    <message>
      <source>读卡器无应答，请检查读卡器电源和连接线后重试</source>
      <translation>No response from the card reader. Please check its power and cable and try again</translation>
    </message>
    <message>
      <source>读卡器无法打开</source>
      <translation>The card reader cannot be opened</translation>
    </message>
    <message>
      <source>读卡器无法认证该证件，证件可能损坏，请人工核验证件</source>
      <translation>The reader cannot authenticate this card; it may be damaged. Check the card by hand</translation>
    </message>
    <message>
      <source>读卡器端口 {port} 打开失败（状态 {code}），请检查连接线和驱动</source>
      <translation>Failed to open card reader port {port} (status {code}). Please check the cable and the driver</translation>
    </message>
    <message>
      <source>读卡器设置“{spec}”无法识别，请使用 auto、emulator、serial:端口 或 sdk:库路径</source>
      <translation>Card reader setting "{spec}" not recognized. Please use auto, emulator, serial:PORT or sdk:LIBRARY_PATH</translation>
    </message>
    <message>
      <source>读卡器返回未知状态 {code}，请重试；反复出现请联系维护人员</source>
      <translation>The card reader returned unknown status {code}. Please try again; if this keeps happening, contact the maintenance staff</translation>
    </message>
    <message>
      <source>读卡器：</source>
      <translation>Card reader: </translation>
    </message>
    <message>
      <source>读卡器：{name}</source>
      <translation>Card reader: {name}</translation>
    </message>
    <message>
      <source>读卡器：未连接</source>
      <translation>Card reader: not connected</translation>
    </message>
    <message>
      <source>读卡器：模拟读卡器（演示证件，非真实身份）</source>
      <translation>Card reader: emulated card reader (demo documents, not real identities)</translation>
    </message>
    <message>
      <source>读卡失败，请把身份证放稳后重试</source>
      <translation>Card read failed. Hold the ID card still and try again</translation>
    </message>
    <message>
      <source>读卡成功</source>
      <translation>Card read successfully</translation>
    </message>
    <message>
      <source>读卡数据不完整，请把身份证放稳后重新读卡</source>
      <translation>Incomplete card data. Hold the ID card still and read it again</translation>
    </message>
    <message>
      <source>读卡数据格式错误，请重新读卡</source>
      <translation>Malformed card data. Read the card again</translation>
    </message>
    <message>
      <source>读卡时发生意外错误，请重试；反复出现请联系维护人员</source>
      <translation>An unexpected error occurred while reading the card. Please try again; if this keeps happening, contact the maintenance staff</translation>
    </message>
    <message>
      <source>读卡未成功，请将身份证放平后不要移动</source>
      <translation>The card was not read; lay it flat and hold still</translation>
    </message>
    <message>
      <source>读取身份证信息后，系统将查询您名下的不动产。</source>
      <translation>Once your ID card is read, the kiosk looks up the property in your name.</translation>
    </message>
    <message>
      <source>读身份证</source>
      <translation>ID card</translation>
    </message>
    <message>
      <source>账号锁定时长（分钟）</source>
      <translation>Account lock-out time (minutes)</translation>
    </message>
    <message>
      <source>购房人不同意办理抵押预告登记，不能继续办理</source>
      <translation>The buyer does not agree to the advance notice registration of the mortgage; the application cannot go on</translation>
    </message>
    <message>
      <source>购房贷款</source>
      <translation>Home purchase loan</translation>
    </message>
    <message>
      <source>贵单位是否同意抵押财产带押转让？</source>
      <translation>Does your organization agree to the transfer of the mortgaged property with the mortgage in place?</translation>
    </message>
    <message>
      <source>贷后管理</source>
      <translation>Post-loan management</translation>
    </message>
    <message>
      <source>贷款审批</source>
      <translation>Loan approval</translation>
    </message>
    <message>
      <source>贷款展期</source>
      <translation>Loan extension</translation>
    </message>
    <message>
      <source>贷款数据或审批单 (*.json *.txt *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)</source>
      <translation>Loan data or approval sheet (*.json *.txt *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</translation>
    </message>
    <message>
      <source>贷款编号 {ref} 已用另一份数据建过案件 {id}；如需更正请在柜台修改</source>
      <translation>Loan reference {ref} already made case {id} from other data; correct it at the counter if needed</translation>
    </message>
    <message>
      <source>超过 {kb} KB</source>
      <translation>over {kb} KB</translation>
    </message>
    <message>
      <source>路径中有一段不是文件夹</source>
      <translation>part of the path is not a folder</translation>
    </message>
    <message>
      <source>路径中的链接过多</source>
      <translation>too many links in the path</translation>
    </message>
    <message>
      <source>身份核验</source>
      <translation>Identity verification</translation>
    </message>
    <message>
      <source>身份核验：{name}</source>
      <translation>Identity check: {name}</translation>
    </message>
    <message>
      <source>身份证号码前17位应全为数字</source>
      <translation>The first 17 characters of the ID card number must all be digits</translation>
    </message>
    <message>
      <source>身份证号码变更登记</source>
      <translation>ID card number change registration</translation>
    </message>
    <message>
      <source>身份证号码应为18位，现为{n}位</source>
      <translation>The ID card number should have 18 characters; it has {n}</translation>
    </message>
    <message>
      <source>身份证号码第18位应为数字或X</source>
      <translation>The 18th character of the ID card number must be a digit or X</translation>
    </message>
    <message>
      <source>车位</source>
      <translation>Parking space</translation>
    </message>
    <message>
      <source>转移信息</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <source>转移后该不动产为单独所有还是共有？</source>
      <translation>After the transfer, will this real estate be solely or jointly owned?</translation>
    </message>
    <message>
      <source>转移登记及抵押权首次登记（含带押过户）</source>
      <translation>Transfer registration and first mortgage registration (incl. transfer with mortgage in place)</translation>
    </message>
    <message>
      <source>转让方（义务人）</source>
      <translation>Transferor (obligor)</translation>
    </message>
    <message>
      <source>运维菜单</source>
      <translation>Operator menu</translation>
    </message>
    <message>
      <source>返回</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>返回修改</source>
      <translation>Go back and change</translation>
    </message>
    <message>
      <source>返回列表</source>
      <translation>Back to list</translation>
    </message>
    <message>
      <source>返回更正回答</source>
      <translation>Go back and correct</translation>
    </message>
    <message>
      <source>返回核对笔录</source>
      <translation>Back to review the record</translation>
    </message>
    <message>
      <source>还有 {n} 个步骤未完成</source>
      <translation>{n} step(s) not done yet</translation>
    </message>
    <message>
      <source>还有{n}位委托人未在授权书上签名（或签名后授权内容已修改）</source>
      <translation>{n} principals have not signed the authorization letter (or it changed after they signed)</translation>
    </message>
    <message>
      <source>还有{n}位当事人未完成询问笔录或签名</source>
      <translation>{n} parties have not yet completed the interview record or signature</translation>
    </message>
    <message>
      <source>这是文件夹，不是文件</source>
      <translation>this is a folder, not a file</translation>
    </message>
    <message>
      <source>进度查询</source>
      <translation>Progress query</translation>
    </message>
    <message>
      <source>进行中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>连接</source>
      <translation>Connection</translation>
    </message>
    <message>
      <source>退回经办人修改</source>
      <translation>Return to the officer</translation>
    </message>
    <message>
      <source>送纸器里没有材料，请放入材料后重试</source>
      <translation>The feeder is empty. Load the documents and try again</translation>
    </message>
    <message>
      <source>送纸器（多页）</source>
      <translation>Document feeder (multiple pages)</translation>
    </message>
    <message>
      <source>选交</source>
      <translation>Optional</translation>
    </message>
    <message>
      <source>选卡失败，请拿起身份证重新放置后重试</source>
      <translation>Card selection failed. Lift the ID card, place it again and retry</translation>
    </message>
    <message>
      <source>选择当事人后点击“采集人脸”</source>
      <translation>Select a party, then click "Capture face"</translation>
    </message>
    <message>
      <source>通讯地址</source>
      <translation>Mailing address</translation>
    </message>
    <message>
      <source>通过</source>
      <translation>Passed</translation>
    </message>
    <message>
      <source>通过接口导入时不能引用文件；材料在柜台采集</source>
      <translation>An import through the API cannot name files; the papers are captured at the counter</translation>
    </message>
    <message>
      <source>通过接口导入须给出贷款编号 loan_reference</source>
      <translation>An import through the API must give the loan's reference (loan_reference)</translation>
    </message>
    <message>
      <source>通过接口导入须给出贷款编号 reference</source>
      <translation type="obsolete">An import through the API must give the loan reference (reference)</translation>
    </message>
    <message>
      <source>采集人脸</source>
      <translation>Capture face</translation>
    </message>
    <message>
      <source>采集完成</source>
      <translation>Capture complete</translation>
    </message>
    <message>
      <source>重写</source>
      <translation>Clear</translation>
    </message>
    <message>
      <source>重拍</source>
      <translation>Retake</translation>
    </message>
    <message>
      <source>重新启动</source>
      <translation>Restart</translation>
    </message>
    <message>
      <source>重新开始</source>
      <translation>Start over</translation>
    </message>
    <message>
      <source>重新打印回执</source>
      <translation>Print the receipt again</translation>
    </message>
    <message>
      <source>重新生成文书</source>
      <translation>Regenerate documents</translation>
    </message>
    <message>
      <source>重新询问</source>
      <translation>Interview again</translation>
    </message>
    <message>
      <source>重新连接读卡器</source>
      <translation>Reconnect card reader</translation>
    </message>
    <message>
      <source>重新采集</source>
      <translation>Capture again</translation>
    </message>
    <message>
      <source>重新采集人脸</source>
      <translation>Capture face again</translation>
    </message>
    <message>
      <source>重试</source>
      <translation>Retry</translation>
    </message>
    <message>
      <source>金额“{value}”不是有效数字</source>
      <translation>Amount "{value}" is not a valid number</translation>
    </message>
    <message>
      <source>金额应大于0</source>
      <translation>The amount must be greater than 0</translation>
    </message>
    <message>
      <source>金额最多保留两位小数</source>
      <translation>The amount can have at most two decimal places</translation>
    </message>
    <message>
      <source>金额过大，请核对单位（元）</source>
      <translation>The amount is too large. Please check the unit (CNY)</translation>
    </message>
    <message>
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <source>银行信息</source>
      <translation>Bank profiles</translation>
    </message>
    <message>
      <source>银行备案主数据（{source}）有误：{text}，请联系管理员重新同步</source>
      <translation>The bank's filed master data ({source}) is invalid: {text}. Please ask the administrator to sync it again</translation>
    </message>
    <message>
      <source>银行备案材料读取失败</source>
      <translation>Failed to read the bank's filed materials</translation>
    </message>
    <message>
      <source>银行系统接口</source>
      <translation>Bank system interface</translation>
    </message>
    <message>
      <source>银行系统接口未能在端口 {port} 启动：{err}</source>
      <translation>The bank system interface could not start on port {port}: {err}</translation>
    </message>
    <message>
      <source>银行营业执照、金融许可证及经办人身份证明</source>
      <translation>Bank business license, financial license and officer's proof of identity</translation>
    </message>
    <message>
      <source>锁定屏幕</source>
      <translation>Lock screen</translation>
    </message>
    <message>
      <source>长期</source>
      <translation>Long-term</translation>
    </message>
    <message>
      <source>问题编号“{id}”重复</source>
      <translation>duplicate question id "{id}"</translation>
    </message>
    <message>
      <source>队列中没有可重试的数据包：{id}</source>
      <translation type="obsolete">No packet to retry in the queue: {id}</translation>
    </message>
    <message>
      <source>附件 {id} 已损坏（校验值不符），无法提交。请重新采集该材料</source>
      <translation>Attachment {id} is damaged (checksum mismatch) and cannot be submitted. Please capture this material again</translation>
    </message>
    <message>
      <source>除本次到场的申请人外，是否还有其他共有人？</source>
      <translation>Apart from the applicants present today, are there any other co-owners?</translation>
    </message>
    <message>
      <source>随软件</source>
      <translation>shipped with the software</translation>
    </message>
    <message>
      <source>需主管复核后才能提交</source>
      <translation>A supervisor must approve before submission</translation>
    </message>
    <message>
      <source>需人工复核</source>
      <translation>Manual review needed</translation>
    </message>
    <message>
      <source>需经办人人工核对并记录理由：{reason}</source>
      <translation>The officer must check by hand and record a reason: {reason}</translation>
    </message>
    <message>
      <source>需补正</source>
      <translation>Corrections requested</translation>
    </message>
    <message>
      <source>需补正 {n} 项</source>
      <translation>{n} corrections requested</translation>
    </message>
    <message>
      <source>需补正（已重开为第 {rev} 版草稿，见本页上方清单）</source>
      <translation>Corrections requested (reopened as draft revision {rev}; see the list at the top of this page)</translation>
    </message>
    <message>
      <source>需要补正材料</source>
      <translation>Correction of materials requested</translation>
    </message>
    <message>
      <source>非本人真实意思表示，不能继续办理</source>
      <translation>Not the applicant's true intention; the application cannot go on</translation>
    </message>
    <message>
      <source>面积变更登记</source>
      <translation>Area change registration</translation>
    </message>
    <message>
      <source>面积应为大于0的数字，最多两位小数</source>
      <translation>The area must be a number greater than 0 with at most two decimal places</translation>
    </message>
    <message>
      <source>面积（平方米）</source>
      <translation>Area (m²)</translation>
    </message>
    <message>
      <source>页面已不在该材料中，请刷新后重试</source>
      <translation>The page is no longer in this material; refresh and try again</translation>
    </message>
    <message>
      <source>页面是空白的，请确认材料有字的一面朝上后重拍</source>
      <translation>The page is blank. Please make sure the side with text faces up and retake</translation>
    </message>
    <message>
      <source>页面模糊，请放平材料、保持不动后重拍</source>
      <translation>The page is blurred. Please lay the material flat, hold still and retake</translation>
    </message>
    <message>
      <source>页面过暗，请打开补光灯或调整光线后重拍</source>
      <translation>The page is too dark. Please turn on the fill light or adjust the lighting and retake</translation>
    </message>
    <message>
      <source>页面预览</source>
      <translation>Page preview</translation>
    </message>
    <message>
      <source>预告登记信息</source>
      <translation>Advance notice registration</translation>
    </message>
    <message>
      <source>预告登记及抵押预告登记</source>
      <translation>Advance notice registration and advance notice registration of mortgage</translation>
    </message>
    <message>
      <source>预告登记及抵押预告登记询问笔录</source>
      <translation>Interview Record for Advance Notice Registration and Advance Notice Registration of Mortgage</translation>
    </message>
    <message>
      <source>预售合同备案号与申请不一致，请核对后修改申请</source>
      <translation>The pre-sale contract filing number does not match the application; check it and correct the application</translation>
    </message>
    <message>
      <source>预览</source>
      <translation>Preview</translation>
    </message>
    <message>
      <source>预购人（抵押人）</source>
      <translation>Prospective buyer (mortgagor)</translation>
    </message>
    <message>
      <source>预购商品房抵押预告登记</source>
      <translation>Advance notice of mortgage on a pre-sold home</translation>
    </message>
    <message>
      <source>预购商品房预告登记</source>
      <translation>Advance notice of a pre-sold home purchase</translation>
    </message>
    <message>
      <source>首次扫描时查找设备</source>
      <translation>Find devices on first scan</translation>
    </message>
    <message>
      <source>首次登录须设置新密码</source>
      <translation>First login: set a new password</translation>
    </message>
    <message>
      <source>驱动</source>
      <translation>Driver</translation>
    </message>
    <message>
      <source>高拍仪</source>
      <translation>Document camera</translation>
    </message>
    <message>
      <source>高拍仪 {device}</source>
      <translation>Document camera {device}</translation>
    </message>
    <message>
      <source>高拍仪无法使用</source>
      <translation>The document camera is not available</translation>
    </message>
    <message>
      <source>高拍仪没有画面，请检查连接后重试</source>
      <translation>No image from the document camera. Please check the connection and try again</translation>
    </message>
    <message>
      <source>默认取案件中的合同编号</source>
      <translation>Default: the contract number in the case</translation>
    </message>
    <message>
      <source>默认打印机</source>
      <translation>default printer</translation>
    </message>
    <message>
      <source>（剩{n}天）</source>
      <translation> ({n} days left)</translation>
    </message>
    <message>
      <source>（原因：{why}）</source>
      <translation type="obsolete"> (reason: {why})</translation>
    </message>
    <message>
      <source>（可先完成其他步骤）</source>
      <translation> (you can complete other steps first)</translation>
    </message>
    <message>
      <source>（可在“申请信息”中手工录入）</source>
      <translation> (you can enter the data manually under "Application information")</translation>
    </message>
    <message>
      <source>（已过期）</source>
      <translation> (expired)</translation>
    </message>
    <message>
      <source>（当前：{current}）</source>
      <translation type="obsolete"> (current: {current})</translation>
    </message>
    <message>
      <source>（持有人 {holder}）</source>
      <translation> (holder {holder})</translation>
    </message>
    <message>
      <source>（未填写）</source>
      <translation>(not filled in)</translation>
    </message>
    <message>
      <source>（未填姓名）</source>
      <translation>(no name entered)</translation>
    </message>
    <message>
      <source>（模拟摄像头）</source>
      <translation> (emulated camera)</translation>
    </message>
    <message>
      <source>（模拟读卡器）</source>
      <translation> (emulated card reader)</translation>
    </message>
    <message>
      <source>（空）</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>（读自“{slot}”，请核对是否本案）</source>
      <translation>(read from “{slot}”: check it belongs to this case)</translation>
    </message>
    <message>
      <source>，已上传 {pct}%</source>
      <translation>, {pct}% uploaded</translation>
    </message>
    <message>
      <source>；授权书已签名</source>
      <translation>; authorization letter signed</translation>
    </message>
    <message>
      <source>；授权书未签名</source>
      <translation>; authorization letter not signed</translation>
    </message>
  </context>
</TS>
